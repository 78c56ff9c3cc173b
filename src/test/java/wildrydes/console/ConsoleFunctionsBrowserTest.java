package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.process.ProcessSettings;
import wildrydes.lab.process.Processor;
import wildrydes.lab.process.TableClient;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The Functions page in a real headless browser: the workshop's function runs (its state and
 * status beside the server's data directory, as by default), and the page shows it running with
 * its four per-minute graphs and what it processed. Screenshot in target/console-screenshots/.
 */
class ConsoleFunctionsBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theFunctionsPageShowsTheRunningFunctionAndItsMetrics() throws Exception {
        HeadlessChromium.requireInstalled();
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withStateChangeMillis(20))) {
            KinesisEndpoint endpoint = KinesisEndpoint.resolve(server.endpoint(), "us-east-1", Map.of());
            ChromeDriver driver = HeadlessChromium.start(dir.resolve("profile"));
            try (KinesisClient kinesis = endpoint.client(); DynamoDbClient dynamo = TableClient.client(endpoint, URI.create(server.endpoint()))) {
                kinesis.createStream(r -> r.streamName("wildrydes-summary").shardCount(1));
                while (kinesis.describeStreamSummary(r -> r.streamName("wildrydes-summary")).streamDescriptionSummary().streamStatus()
                        != StreamStatus.ACTIVE) {
                    Thread.sleep(20);
                }
                ByteArrayOutputStream progress = new ByteArrayOutputStream();
                Processor processor = new Processor(kinesis, dynamo, ProcessSettings.workshop(server.endpoint(),
                        dir.resolve("process").resolve("WildRydesStreamProcessor")), new PrintStream(progress, true, StandardCharsets.UTF_8));
                processor.start();
                try {
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!progress.toString(StandardCharsets.UTF_8).contains("reading shardId")) {
                        assertThat(System.nanoTime()).as(progress.toString(StandardCharsets.UTF_8)).isLessThan(deadline);
                        Thread.sleep(20);
                    }
                    for (String name : List.of("Shadowfax", "Bucephalus", "Rocinante")) {
                        String summary = "{\"Name\":\"" + name + "\",\"StatusTime\":\"2026-12-03 10:00:00.000\",\"Distance\":300}";
                        kinesis.putRecord(r -> r.streamName("wildrydes-summary").partitionKey(name).data(SdkBytes.fromUtf8String(summary)));
                    }
                    while (processor.metrics().records() < 3) {
                        assertThat(System.nanoTime()).as(progress.toString(StandardCharsets.UTF_8)).isLessThan(deadline);
                        Thread.sleep(20);
                    }
                    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(25));
                    wait.ignoring(StaleElementReferenceException.class);
                    driver.get(server.endpoint() + "/#/functions");
                    WebElement panel = wait.until(d -> d.findElement(By.cssSelector("section[data-function='WildRydesStreamProcessor']")));
                    wait.until(d -> panel.getText().contains("3 records"));
                    assertThat(panel.findElement(By.cssSelector(".status")).getText()).isEqualTo("Running");
                    assertThat(panel.getText()).contains("built-in").contains("stream wildrydes-summary").contains("table UnicornSensorData");
                    assertThat(panel.findElements(By.cssSelector(".chart"))).extracting(e -> e.getDomAttribute("data-chart"))
                            .containsExactly("invocations", "errors", "duration", "iteratorAge");
                    assertThat(driver.findElement(By.id("nav-functions")).getDomAttribute("class")).contains("active");
                    HeadlessChromium.screenshot(driver, "functions");
                    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                    assertThat(severe).as("browser errors").isEmpty();
                } finally {
                    processor.stop();
                }
            } finally {
                driver.quit();
            }
        }
    }
}
