package wildrydes.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.auth.AccessKey;
import wildrydes.testing.ServerFixture;
import wildrydes.testing.TestClock;
import wildrydes.testing.TestKeys;

/**
 * The AWS CLI v2 ({@code /usr/bin/aws}) against a server with credentials: the right key (from the
 * environment or a profile of the credentials file, with its session token for a temporary key)
 * works, for streams and tables alike; a wrong secret, an unknown key, a missing token and a skewed
 * clock get AWS's errors as the CLI prints them.
 */
@Timeout(180)
class AwsCliCredentialsTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final AtomicInteger RUNS = new AtomicInteger();
    static final TestClock CLOCK = TestClock.system();

    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory(c -> c.withCredentials(TestKeys.ALL).withClock(CLOCK));

    @TempDir
    static Path tmp;

    record Cli(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void writeProfiles() throws IOException {
        Files.writeString(tmp.resolve("credentials"), "[bob]\naws_access_key_id = " + TestKeys.BOB.id()
                + "\naws_secret_access_key = " + TestKeys.BOB.secret() + "\n");
        Files.writeString(tmp.resolve("config"), "[profile bob]\nregion = us-east-1\n");
    }

    @AfterEach
    void clockBack() {
        CLOCK.reset();
    }

    static Cli aws(Map<String, String> credentials, String... args) throws Exception {
        assertThat(Files.isExecutable(AWS)).withFailMessage("AWS CLI v2 is missing at %s: apt-get install awscli", AWS).isTrue();
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", server.endpoint(), "--output", "json"));
        command.addAll(List.of(args));
        int n = RUNS.incrementAndGet();
        Path out = tmp.resolve("cli-" + n + ".out");
        Path err = tmp.resolve("cli-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.toLowerCase().endsWith("_proxy"));
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_CONFIG_FILE", tmp.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("credentials").toString());
        env.putAll(credentials);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " did not finish in 60 s");
        }
        return new Cli(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Map<String, String> keyOf(AccessKey key) {
        return key.sessionToken() == null ? Map.of("AWS_ACCESS_KEY_ID", key.id(), "AWS_SECRET_ACCESS_KEY", key.secret())
                : Map.of("AWS_ACCESS_KEY_ID", key.id(), "AWS_SECRET_ACCESS_KEY", key.secret(), "AWS_SESSION_TOKEN", key.sessionToken());
    }

    /** The CLI's line for an error; with retries off it says "(reached max retries: 0)" before the message. */
    static String error(String type, String operation, String message) {
        return "An error occurred (" + type + ") when calling the " + operation + " operation (reached max retries: 0): " + message;
    }

    @Test
    void theRightKeyFromTheEnvironmentOrAProfileWorks() throws Exception {
        Cli created = aws(keyOf(TestKeys.ALICE), "kinesis", "create-stream", "--stream-name", "cli-signed", "--shard-count", "1");
        assertThat(created.exit()).as(created.toString()).isZero();
        Cli put = aws(keyOf(TestKeys.ALICE_TEMPORARY), "kinesis", "put-record", "--stream-name", "cli-signed", "--partition-key", "k",
                "--cli-binary-format", "raw-in-base64-out", "--data", "{\"Name\":\"Shadowfax\"}");
        assertThat(put.exit()).as(put.toString()).isZero();
        Cli summary = aws(keyOf(TestKeys.ALICE), "kinesis", "describe-stream-summary", "--stream-name", "cli-signed");
        assertThat(summary.stdout()).contains("arn:aws:kinesis:us-east-1:111111111111:stream/cli-signed");
        Cli bobs = aws(Map.of(), "--profile", "bob", "kinesis", "list-streams");
        assertThat(bobs.exit()).as(bobs.toString()).isZero();
        assertThat(bobs.stdout()).doesNotContain("cli-signed");
    }

    @Test
    void aWrongSecretAnUnknownKeyAndAMissingTokenGetAwsErrors() throws Exception {
        Cli wrong = aws(Map.of("AWS_ACCESS_KEY_ID", TestKeys.ALICE.id(), "AWS_SECRET_ACCESS_KEY", "not-the-secret"),
                "kinesis", "list-streams");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.stderr()).contains(error("InvalidSignatureException", "ListStreams", "The request signature we "
                + "calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                + "Consult the service documentation for details."));
        Cli unknown = aws(Map.of("AWS_ACCESS_KEY_ID", "AKIDSTRANGER", "AWS_SECRET_ACCESS_KEY", "x"), "kinesis", "list-streams");
        assertThat(unknown.stderr()).contains(error("UnrecognizedClientException", "ListStreams",
                "The security token included in the request is invalid."));
        Cli withoutToken = aws(Map.of("AWS_ACCESS_KEY_ID", TestKeys.ALICE_TEMPORARY.id(), "AWS_SECRET_ACCESS_KEY",
                TestKeys.ALICE_TEMPORARY.secret()), "kinesis", "list-streams");
        assertThat(withoutToken.stderr()).contains(error("UnrecognizedClientException", "ListStreams",
                "The security token included in the request is invalid."));
    }

    @Test
    void theTableApiIsVerifiedTheSameWayAndKeepsAccountsApart() throws Exception {
        Cli created = aws(keyOf(TestKeys.ALICE), "dynamodb", "create-table", "--table-name", "CliUnicorns",
                "--attribute-definitions", "AttributeName=Name,AttributeType=S", "--key-schema", "AttributeName=Name,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.stdout()).contains("arn:aws:dynamodb:us-east-1:111111111111:table/CliUnicorns");
        Cli alices = aws(keyOf(TestKeys.ALICE_TEMPORARY), "dynamodb", "list-tables");
        assertThat(alices.stdout()).as(alices.toString()).contains("CliUnicorns");
        Cli bobs = aws(Map.of(), "--profile", "bob", "dynamodb", "list-tables");
        assertThat(bobs.exit()).as(bobs.toString()).isZero();
        assertThat(bobs.stdout()).doesNotContain("CliUnicorns");
        Cli wrong = aws(Map.of("AWS_ACCESS_KEY_ID", TestKeys.ALICE.id(), "AWS_SECRET_ACCESS_KEY", "not-the-secret"),
                "dynamodb", "list-tables");
        assertThat(wrong.stderr()).contains(error("InvalidSignatureException", "ListTables", "The request signature we "
                + "calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                + "Consult the service documentation for details."));
        Cli unknown = aws(Map.of("AWS_ACCESS_KEY_ID", "AKIDSTRANGER", "AWS_SECRET_ACCESS_KEY", "x"), "dynamodb", "list-tables");
        assertThat(unknown.stderr()).contains(error("UnrecognizedClientException", "ListTables",
                "The security token included in the request is invalid."));
    }

    @Test
    void aSkewedClockIsASignatureExpired() throws Exception {
        CLOCK.advance(Duration.ofMinutes(7));
        Cli skewed = aws(keyOf(TestKeys.ALICE), "kinesis", "list-streams");
        assertThat(skewed.exit()).isNotZero();
        assertThat(skewed.stderr()).containsPattern("An error occurred \\(InvalidSignatureException\\) when calling the ListStreams "
                + "operation \\(reached max retries: 0\\): Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
    }
}
