package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.archive.Archive;
import wildrydes.lab.archive.ArchiveSettings;
import wildrydes.lab.archive.Compression;
import wildrydes.lab.archive.DeliveryStep;
import wildrydes.lab.archive.ObjectFormat;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.producer.Producer;
import wildrydes.lab.tail.StartPosition;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * Module 5 in a real headless browser: three unicorns' readings archived to the lake beside the
 * server's data directory, then the Query page runs the lab's queries: the delivery figures, a
 * paged table, bars of the distance per unicorn (equal to a sum over the raw stream), a trip on
 * the map and a time series. Screenshots go to target/console-screenshots/.
 */
class ConsoleQueryBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
    private static final Duration WAIT = Duration.ofSeconds(25);
    private static final int READINGS = 40;

    @TempDir
    static Path home;

    static KinesisServer server;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static Map<String, Double> distances = new TreeMap<>();

    @BeforeAll
    static void archiveSomeRides() throws Exception {
        HeadlessChromium.requireInstalled();
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(home.resolve("data")).withStateChangeMillis(50));
        KinesisEndpoint endpoint = new KinesisEndpoint(URI.create(server.endpoint()), Region.US_EAST_1, false);
        try (KinesisClient kinesis = ConsoleTestClients.kinesis(server.endpoint())) {
            kinesis.createStream(r -> r.streamName("wildrydes").shardCount(2));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (kinesis.describeStreamSummary(r -> r.streamName("wildrydes")).streamDescriptionSummary().streamStatus()
                    != StreamStatus.ACTIVE) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            new Producer(kinesis, endpoint, new Producer.Settings("wildrydes", Producer.fleet("Shadowfax", 3), 50, READINGS, null),
                    DISCARD, DISCARD).run(new AtomicBoolean());
            for (Shard shard : kinesis.listShards(r -> r.streamName("wildrydes")).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName("wildrydes").shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (Record record : kinesis.getRecords(r -> r.shardIterator(iterator)).records()) {
                    JsonNode reading = JSON.readTree(record.data().asByteArray());
                    distances.merge(reading.get("Name").asText(), reading.get("Distance").asDouble(), Double::sum);
                }
            }
            ArchiveSettings settings = new ArchiveSettings("wildrydes", "wildrydes", home.resolve("lake"), Duration.ofSeconds(1),
                    5 * ArchiveSettings.MIB, ObjectFormat.JSON, Compression.NONE, null, StartPosition.TRIM_HORIZON, Duration.ofSeconds(2));
            Archive.Summary summary = new Archive(kinesis, endpoint, settings, DISCARD, null, DeliveryStep.NONE).run(new AtomicBoolean());
            assertThat(summary.records()).isEqualTo(3L * READINGS);
        }
        driver = HeadlessChromium.start(home.resolve("profile"));
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theLabsQueriesRunAndTheirTableChartAndMapRender() {
        driver.get(server.endpoint() + "/#/query");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#archives-table tr[data-archive='wildrydes'] .delivered-records"), String.valueOf(3 * READINGS)));

        // Total distance per unicorn: a row each, and bars whose values are the sums over the raw stream.
        driver.findElement(By.cssSelector("button[data-example='distance']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#result-table tbody tr")).size() == 3 ? true : null);
        List<WebElement> bars = waitForNonEmpty(By.cssSelector("#result-chart[data-kind='bars'] rect.bar"));
        assertThat(bars).hasSize(3);
        Map<String, Double> charted = new TreeMap<>();
        for (WebElement bar : bars) {
            charted.put(bar.getDomAttribute("data-label"), Double.parseDouble(bar.getDomAttribute("data-value")));
        }
        assertThat(charted).isEqualTo(distances);
        assertThat(driver.findElement(By.id("query-status")).getText()).matches("3 rows in .+");
        HeadlessChromium.screenshot(driver, "lake-1-distance-per-unicorn");

        // A trip: Shadowfax's positions drawn on the map.
        driver.findElement(By.cssSelector("button[data-example='trip']")).click();
        WebElement trip = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trip-map g.trip")));
        assertThat(trip.getDomAttribute("data-points")).isEqualTo(String.valueOf(READINGS));
        HeadlessChromium.screenshot(driver, "lake-2-trip");

        // Distance per minute: a time series, a line per unicorn.
        driver.findElement(By.cssSelector("button[data-example='per-minute']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#result-chart[data-kind='time-series'] polyline.series")).size() == 3 ? true : null);
        HeadlessChromium.screenshot(driver, "lake-3-per-minute");

        // Every reading, page by page.
        driver.findElement(By.cssSelector("button[data-example='all']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result-page"), "Rows 1–100 of 120"));
        assertThat(driver.findElements(By.cssSelector("#result-table tbody tr"))).hasSize(100);
        assertThat(driver.findElements(By.cssSelector("#result-table th"))).extracting(WebElement::getText)
                .containsExactly("Name", "StatusTime", "Latitude", "Longitude", "Distance", "HealthPoints", "MagicPoints", "datehour");
        driver.findElement(By.id("result-next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result-page"), "Rows 101–120 of 120"));

        // A mistake is shown in one line, with its position.
        WebElement editor = driver.findElement(By.id("query-editor"));
        editor.clear();
        editor.sendKeys("SELECT Name FRM wildrydes");
        driver.findElement(By.id("run-query")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("query-error")));
        assertThat(error.getText()).contains("syntax error").contains("(line 1, column 17)");
        HeadlessChromium.screenshot(driver, "lake-4-error");
        assertNoScriptErrors();
    }

    private static List<WebElement> waitForNonEmpty(By locator) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() ? null : found;
        });
    }

    private static void assertNoScriptErrors() {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
        assertThat(errors).isEmpty();
    }
}
