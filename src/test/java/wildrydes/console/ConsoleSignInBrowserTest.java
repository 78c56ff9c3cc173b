package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.testing.ServerFixture;
import wildrydes.testing.TestKeys;

/**
 * The console on a server with credentials, in a real headless browser: it asks for an access key,
 * says why when the server refuses one, then signs every call (API and its own JSON) with real SigV4
 * and shows only the streams and tables of the key's account; the key stays in the tab's sessionStorage.
 */
class ConsoleSignInBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(25);

    @TempDir
    static Path profile;

    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory(c -> c.withCredentials(TestKeys.ALL).withStateChangeMillis(0));
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() {
        HeadlessChromium.requireInstalled();
        try (KinesisClient alice = TestKeys.kinesis(server.endpoint(), TestKeys.ALICE);
             KinesisClient bob = TestKeys.kinesis(server.endpoint(), TestKeys.BOB)) {
            alice.createStream(r -> r.streamName("alices-rides").shardCount(1));
            bob.createStream(r -> r.streamName("bobs-rides").shardCount(1));
        }
        try (DynamoDbClient alice = TestKeys.dynamo(server.endpoint(), TestKeys.ALICE);
             DynamoDbClient bob = TestKeys.dynamo(server.endpoint(), TestKeys.BOB)) {
            for (var entry : java.util.Map.of(alice, "AlicesUnicorns", bob, "BobsUnicorns").entrySet()) {
                entry.getKey().createTable(r -> r.tableName(entry.getValue()).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("Name").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("Name").keyType(KeyType.HASH)));
            }
        }
        driver = HeadlessChromium.start(profile);
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static void signIn(String keyId, String secret) {
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.credentials-dialog")));
        dialog.findElement(By.name("accessKeyId")).sendKeys(keyId);
        dialog.findElement(By.name("secretAccessKey")).sendKeys(secret);
        dialog.findElement(By.cssSelector("button[value='sign-in']")).click();
    }

    @Test
    void asksForAKeySaysWhyItWasRefusedAndShowsOnlyThatAccountsStreams() {
        driver.get(server.endpoint() + "/");
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.credentials-dialog")));
        assertThat(dialog.getText()).contains("Sign in to this server").contains("sessionStorage");
        HeadlessChromium.screenshot(driver, "sign-in-1-dialog");

        signIn(TestKeys.ALICE.id(), "not-the-secret");
        WebElement again = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("dialog.credentials-dialog .alert.error")));
        assertThat(again.getText()).startsWith("InvalidSignatureException: The request signature we calculated does not match");
        HeadlessChromium.screenshot(driver, "sign-in-2-refused");

        WebElement retry = driver.findElement(By.cssSelector("dialog.credentials-dialog"));
        retry.findElement(By.name("accessKeyId")).clear();
        signIn(TestKeys.ALICE.id(), TestKeys.ALICE.secret());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-stream='alices-rides']")));
        assertThat(driver.findElements(By.cssSelector("tr[data-stream='bobs-rides']"))).isEmpty();
        assertThat(driver.findElement(By.id("identity")).getText()).contains("Signed in as " + TestKeys.ALICE.id());
        HeadlessChromium.screenshot(driver, "sign-in-3-streams");

        // The monitoring tab reads /console/api/metrics, which the server answers only to a signed GET.
        driver.findElement(By.cssSelector("tr[data-stream='alices-rides'] a.stream-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-chart='putRecordSuccess'] svg")));
        assertThat(driver.findElements(By.cssSelector(".alert.error"))).isEmpty();

        // The tables pages sign their DynamoDB calls for 'dynamodb', with the same key: Alice's tables only.
        driver.get(server.endpoint() + "/#/tables");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-table='AlicesUnicorns']")));
        assertThat(driver.findElements(By.cssSelector("tr[data-table='BobsUnicorns']"))).isEmpty();
        driver.findElement(By.cssSelector("tr[data-table='AlicesUnicorns'] a.table-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browse-info")));
        // The functions page reads /console/api/functions, also a signed GET.
        driver.get(server.endpoint() + "/#/functions");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("functions")));
        assertThat(driver.findElements(By.cssSelector("dialog.credentials-dialog"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector(".alert.error"))).isEmpty();
        HeadlessChromium.screenshot(driver, "sign-in-4-tables");

        Object stored = driver.executeScript("return [sessionStorage.getItem('wildrydes.credentials'), localStorage.length]");
        assertThat(stored.toString()).contains(TestKeys.ALICE.id()).endsWith(", 0]");
    }
}
