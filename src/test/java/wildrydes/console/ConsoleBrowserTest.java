package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import wildrydes.testing.ServerFixture;

/**
 * The lab in a real headless browser: create a stream with the form, run the producer, watch
 * the PutRecord graph and the unicorn on the map, read the records in the data viewer, delete
 * the stream. Screenshots of every page go to target/console-screenshots/.
 */
class ConsoleBrowserTest {
    private static final String STREAM = "console-e2e";
    private static final Duration WAIT = Duration.ofSeconds(25);

    @TempDir
    static Path profile;

    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory(config -> config.withStateChangeMillis(300));
    static KinesisClient kinesis;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() {
        HeadlessChromium.requireInstalled();
        kinesis = ConsoleTestClients.kinesis(server.endpoint());
        driver = HeadlessChromium.start(profile);
        // Lists and graphs re-render while they refresh, so an element found a moment ago may be replaced.
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void createWatchReadAndDeleteAStreamLikeTheLab() throws Exception {
        openStreamsList();
        createStreamWithTheForm(STREAM, 2);
        waitForText(By.cssSelector("tr[data-stream='" + STREAM + "'] .status"), "ACTIVE");
        HeadlessChromium.screenshot(driver, "lab-1-streams");

        RunningProducer producer = RunningProducer.start(server.endpoint(), STREAM);
        try {
            // Monitoring: the PutRecord graph shows non-zero points once the producer runs.
            wait.until(d -> {
            d.findElement(By.cssSelector("tr[data-stream='" + STREAM + "'] a.stream-link")).click();
            return true;
        });
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-chart='putRecordSuccess'] svg")));
            driver.findElement(By.cssSelector("button[data-range='15m']")).click();
            long largestPoint = wait.until(d -> {
                Number largest = (Number) driver.executeScript("return Math.max(0, ...Array.from(document.querySelectorAll("
                        + "\"[data-chart='putRecordSuccess'] circle.point\"), c => Number(c.dataset.value)))");
                return largest.longValue() > 0 ? largest.longValue() : null;
            });
            assertThat(largestPoint).isPositive();
            waitForNonEmpty(By.cssSelector("[data-chart='incomingBytes'] circle.point"));
            assertThat(driver.findElements(By.cssSelector("[data-chart]"))).hasSizeGreaterThanOrEqualTo(8);
            WebElement chart = driver.findElement(By.cssSelector("[data-chart='putRecordSuccess'] svg"));
            new Actions(driver).moveToElement(chart, chart.getSize().getWidth() / 2 - 30, 0).perform();
            WebElement chartTooltip = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-chart='putRecordSuccess'] .tooltip")));
            assertThat(chartTooltip.getText()).containsPattern("\\d\\d:\\d\\d–\\d\\d:\\d\\d").containsPattern("PutRecord: \\d+");
            HeadlessChromium.screenshot(driver, "lab-2-monitoring");
            driver.findElement(By.cssSelector("button[data-range='24h']")).click();
            wait.until(d -> d.findElement(By.cssSelector("[data-chart='putRecordSuccess'] polyline.series"))
                    .getDomAttribute("points").split(" ").length == 1440 ? true : null);
            HeadlessChromium.screenshot(driver, "lab-2-monitoring-24h");

            // Map: the unicorn appears; hovering it shows speed, health and magic.
            driver.findElement(By.cssSelector("a[data-tab='map']")).click();
            WebElement unicorn = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#unicorn-map g.unicorn[data-unicorn='Shadowfax'] circle")));
            scrollTo(By.id("unicorn-map"));
            new Actions(driver).moveToElement(unicorn).perform();
            WebElement tooltip = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("unicorn-tooltip")));
            assertThat(tooltip.getText()).contains("Shadowfax").containsPattern("Speed: \\d+(\\.\\d)? mph")
                    .containsPattern("Health: \\d+").containsPattern("Magic: \\d+");
            assertThat(driver.findElement(By.cssSelector("#scale-bar")).getDomAttribute("data-metres")).matches("[125]0*");
            HeadlessChromium.screenshot(driver, "lab-3-unicorn-map");

            // Shards: both shards with their hash key ranges.
            driver.findElement(By.cssSelector("a[data-tab='shards']")).click();
            wait.until(d -> d.findElements(By.cssSelector("#shards-table tbody tr[data-shard]")).size() == 2 ? true : null);
            String firstShard = wait.until(d -> d.findElement(By.cssSelector("#shards-table tr[data-shard='shardId-000000000000']")).getText());
            assertThat(firstShard).contains("Open", "0", "170141183460469231731687303715884105727");
            HeadlessChromium.screenshot(driver, "lab-4-shards");

            // Data viewer: the unicorn's readings from the trim horizon, page by page.
            driver.findElement(By.cssSelector("a[data-tab='data']")).click();
            String shard = shardHoldingRecords();
            Select shards = new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("viewer-shard"))));
            wait.until(d -> shards.getOptions().size() == 2 ? true : null);
            shards.selectByValue(shard);
            new Select(driver.findElement(By.id("viewer-position"))).selectByValue("TRIM_HORIZON");
            driver.findElement(By.id("viewer-get")).click();
            List<WebElement> records = waitForNonEmpty(By.cssSelector("#viewer-records article.record"));
            assertThat(records).hasSize(10);
            WebElement firstRecord = records.get(0);
            assertThat(firstRecord.findElement(By.cssSelector(".partition-key")).getText()).isEqualTo("Shadowfax");
            assertThat(firstRecord.findElement(By.cssSelector("pre.json")).getText())
                    .contains("\"Name\": \"Shadowfax\"", "\"Latitude\": ", "\"MagicPoints\": ");
            String firstSequence = firstRecord.getDomAttribute("data-sequence-number");
            HeadlessChromium.screenshot(driver, "lab-5-data-viewer");

            driver.findElement(By.id("viewer-next")).click();
            waitForText(By.id("viewer-page-info"), "Page 2");
            String secondPageSequence = waitForNonEmpty(By.cssSelector("#viewer-records article.record")).get(0)
                    .getDomAttribute("data-sequence-number");
            assertThat(new BigInteger(secondPageSequence)).isGreaterThan(new BigInteger(firstSequence));
            driver.findElement(By.id("viewer-previous")).click();
            waitForText(By.id("viewer-page-info"), "Page 1");
            assertThat(driver.findElement(By.cssSelector("#viewer-records article.record")).getDomAttribute("data-sequence-number"))
                    .isEqualTo(firstSequence);
        } finally {
            producer.stop();
        }
        long stoppedAt = System.nanoTime();

        // The map forgets a unicorn 30 s after its last reading.
        driver.findElement(By.cssSelector("a[data-tab='map']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#unicorn-map g.unicorn[data-unicorn='Shadowfax']")));
        new WebDriverWait(driver, Duration.ofSeconds(45))
                .until(d -> d.findElements(By.cssSelector("#unicorn-map g.unicorn")).isEmpty() ? true : null);
        assertThat((System.nanoTime() - stoppedAt) / 1e9).as("seconds from the last reading until the unicorn left")
                .isBetween(25.0, 40.0);
        assertThat(driver.findElement(By.id("unicorn-list")).getText()).contains("No unicorns on the map.");
        scrollTo(By.id("unicorn-map"));
        HeadlessChromium.screenshot(driver, "lab-6-unicorn-gone");

        // Delete, with confirmation.
        driver.findElement(By.cssSelector(".breadcrumbs a[href='#/']")).click();
        String row = "tr[data-stream='" + STREAM + "'] ";
        long lastMinute = wait.until(d -> Long.parseLong(d.findElement(By.cssSelector(row + ".records-last-minute")).getText().replace(",", "")));
        assertThat(lastMinute).as("records in the last minute").isPositive();
        wait.until(d -> {
            d.findElement(By.cssSelector(row + "button.delete-stream")).click();
            return true;
        });
        WebElement confirm = driver.findElement(By.id("confirm-delete"));
        assertThat(confirm.isEnabled()).as("disabled until 'delete' is typed").isFalse();
        driver.findElement(By.id("delete-confirmation")).sendKeys("delete");
        HeadlessChromium.screenshot(driver, "lab-7-delete-confirmation");
        confirm.click();
        // The row shows DELETING, then goes once the stream is gone (the list refreshes every 3 s).
        wait.until(d -> d.findElements(By.cssSelector(row)).isEmpty() ? true : null);
        assertThat(kinesis.listStreams().streamNames()).doesNotContain(STREAM);
        HeadlessChromium.screenshot(driver, "lab-8-deleted");
        assertNoScriptErrors();
    }

    @Test
    void createErrorsAreShownAsTheApiWordsThem() {
        kinesis.createStream(r -> r.streamName("console-taken").shardCount(1));
        try {
            openStreamsList();
            createStreamWithTheForm("console-taken", 1);
            WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".form-errors .alert.error")));
            assertThat(error.getText()).isEqualTo(
                    "ResourceInUseException: Stream console-taken under account 000000000000 already exists.");
            HeadlessChromium.screenshot(driver, "create-form-error");

            WebElement name = driver.findElement(By.id("stream-name"));
            name.clear();
            name.sendKeys("no spaces allowed");
            driver.findElement(By.id("create-stream")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".form-errors .alert.error"),
                    "no spaces allowed"));
            assertThat(driver.findElement(By.cssSelector(".form-errors .alert.error")).getText())
                    .startsWith("ValidationException: 1 validation error detected: Value 'no spaces allowed' at 'streamName'");
        } finally {
            kinesis.deleteStream(r -> r.streamName("console-taken"));
        }
    }

    private static void openStreamsList() {
        driver.get(server.endpoint() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("streams-table")));
    }

    private static void createStreamWithTheForm(String name, int shards) {
        WebElement form = driver.findElement(By.id("create-stream-form"));
        if (!form.isDisplayed()) {
            driver.findElement(By.id("show-create")).click();
        }
        WebElement nameField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stream-name")));
        nameField.clear();
        nameField.sendKeys(name);
        WebElement shardField = driver.findElement(By.id("shard-count"));
        shardField.clear();
        shardField.sendKeys(Integer.toString(shards));
        driver.findElement(By.id("create-stream")).click();
    }

    /** A shard holding more than one page (10) of records, waiting (bounded) for the producer to get there. */
    private static String shardHoldingRecords() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Shard shard : kinesis.listShards(r -> r.streamName(STREAM)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(STREAM).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                if (kinesis.getRecords(r -> r.shardIterator(iterator)).records().size() > 10) {
                    return shard.shardId();
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no shard of " + STREAM + " came to hold more than 10 records within 60 s");
    }

    private static void waitForText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private static List<WebElement> waitForNonEmpty(By locator) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() ? null : found;
        });
    }

    private static void scrollTo(By locator) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(locator));
    }

    /** The page's own console: no script error (failed requests the test caused on purpose aside). */
    private static void assertNoScriptErrors() {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
        assertThat(errors).isEmpty();
    }
}
