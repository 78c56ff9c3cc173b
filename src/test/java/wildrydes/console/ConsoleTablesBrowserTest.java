package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The Tables page in a real headless browser: create the lab's table with the form, watch it
 * fill up, browse its items by scan and by query a page at a time, delete it. Screenshots go to
 * target/console-screenshots/.
 */
class ConsoleTablesBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(25);
    private static final String TABLE = "UnicornSensorData";

    @TempDir
    static Path profile;

    static KinesisServer server;
    static DynamoDbClient ddb;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() {
        HeadlessChromium.requireInstalled();
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory().withStateChangeMillis(300));
        ddb = DynamoDbClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        driver = HeadlessChromium.start(profile);
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (ddb != null) {
            ddb.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static void type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    static void put(String name, int minute) {
        ddb.putItem(r -> r.tableName(TABLE).item(Map.of("Name", AttributeValue.fromS(name),
                "StatusTime", AttributeValue.fromS(String.format("2018-03-18 03:%02d:00.000", minute)),
                "Distance", AttributeValue.fromN(Integer.toString(300 + minute)),
                "MinMagicPoints", AttributeValue.fromN("170"))));
    }

    @Test
    void createBrowseQueryAndDeleteTheLabsTable() {
        driver.get(server.endpoint() + "/#/tables");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tables-table")));
        driver.findElement(By.id("show-create-table")).click();
        type("table-name", TABLE);
        type("hash-name", "Name");
        type("range-name", "StatusTime");
        driver.findElement(By.id("create-table")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-table='" + TABLE + "'] .status"), "ACTIVE"));
        assertThat(driver.findElement(By.cssSelector("tr[data-table='" + TABLE + "']")).getText()).contains("Name (S)", "StatusTime (S)");

        for (int minute = 0; minute < 4; minute++) {
            for (String unicorn : List.of("Shadowfax", "Bucephalus", "Rocinante")) {
                put(unicorn, minute);
            }
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-table='" + TABLE + "'] .item-count"), "12"));
        HeadlessChromium.screenshot(driver, "tables-1-list");

        driver.findElement(By.cssSelector("tr[data-table='" + TABLE + "'] a.table-link")).click();
        wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr")).size() == 12 ? true : null);
        assertThat(driver.findElement(By.id("browse-info")).getText()).startsWith("12 items on this page");

        // Scan a page at a time, then watch a new item arrive with auto-refresh.
        type("page-size", "5");
        driver.findElement(By.id("run-browse")).click();
        wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr")).size() == 5 ? true : null);
        driver.findElement(By.id("next-page")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browse-info"), "5 items on this page"));
        driver.findElement(By.id("next-page")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("browse-info"), "2 items on this page"));
        assertThat(driver.findElement(By.id("next-page")).isEnabled()).isFalse();

        // Query one unicorn's readings, newest first, and those of one minute by begins_with.
        new Select(driver.findElement(By.id("browse-mode"))).selectByValue("query");
        type("partition-value", "Shadowfax");
        type("page-size", "25");
        driver.findElement(By.id("newest-first")).click();
        driver.findElement(By.id("run-browse")).click();
        wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr")).size() == 4 ? true : null);
        List<WebElement> rows = driver.findElements(By.cssSelector("#items-table tbody tr"));
        assertThat(rows.getFirst().getDomAttribute("data-key")).isEqualTo("Shadowfax|2018-03-18 03:03:00.000");
        new Select(driver.findElement(By.id("sort-operator"))).selectByValue("begins_with");
        type("sort-value", "2018-03-18 03:01");
        driver.findElement(By.id("run-browse")).click();
        wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr")).size() == 1 ? true : null);
        driver.findElement(By.id("auto-refresh")).click();
        put("Shadowfax", 1); // the same key: still one row, with the same time
        type("sort-value", "2018-03-18 03:0");
        wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr")).size() == 4 ? true : null);
        HeadlessChromium.screenshot(driver, "tables-2-items");

        driver.get(server.endpoint() + "/#/tables");
        WebElement delete = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-table='" + TABLE + "'] .delete-table")));
        delete.click();
        type("delete-table-confirmation", "delete");
        driver.findElement(By.id("confirm-delete-table")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-table='" + TABLE + "']")));
        wait.until(d -> ddb.listTables().tableNames().isEmpty() ? true : null);
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("Failed to load resource")).toList();
        assertThat(severe).as("script errors in the browser").isEmpty();
    }
}
