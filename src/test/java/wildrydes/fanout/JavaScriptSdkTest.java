package wildrydes.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The AWS SDK for JavaScript v3 ({@code @aws-sdk/client-kinesis}, pinned in src/test/js, run with
 * the machine's Node.js) as a second, independent client: it speaks JSON over HTTP/2 (h2c).
 * The package is installed with {@code npm ci} into target/js-client on first use; if that
 * fails the test fails.
 */
public class JavaScriptSdkTest {
    public static final Path SOURCES = Path.of("src", "test", "js");
    public static final Path CLIENT_DIR = Path.of("target", "js-client");

    @Test
    void theJavaScriptSdkPutsGetsAndSubscribes() throws Exception {
        installClient();
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory().withStateChangeMillis(0));
             KinesisAsyncClient kinesis = AsyncClients.h2c(server.endpoint())) {
            kinesis.createStream(r -> r.streamName("js-rides").shardCount(1)).get(10, TimeUnit.SECONDS);
            String consumer = kinesis.registerStreamConsumer(r -> r.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/js-rides")
                    .consumerName("node")).get(10, TimeUnit.SECONDS).consumer().consumerARN();

            Run run = run(CLIENT_DIR, 60, "node", "kinesis-client.mjs", server.endpoint(), "js-rides", consumer);

            assertThat(run.exitCode()).as("node exited; output:%n%s", run.output()).isZero();
            String lastLine = run.output().strip().lines().reduce((a, b) -> b).orElse("");
            JsonNode result = new ObjectMapper().readTree(lastLine);
            String sequenceNumber = result.get("put").get("sequenceNumber").textValue();
            assertThat(sequenceNumber).matches("\\d{20,}");
            assertThat(result.get("got")).hasSize(1);
            assertThat(result.get("got").get(0).get("sequenceNumber").textValue()).isEqualTo(sequenceNumber);
            assertThat(result.get("got").get(0).get("data").textValue()).isEqualTo("{\"Name\":\"Bucephalus\"}");
            JsonNode lastEvent = result.get("events").get(result.get("events").size() - 1);
            JsonNode record = lastEvent.get("records").get(0);
            assertThat(record.get("sequenceNumber").textValue()).isEqualTo(sequenceNumber);
            assertThat(record.get("data").textValue()).isEqualTo("{\"Name\":\"Bucephalus\"}");
            assertThat(record.get("partitionKey").textValue()).isEqualTo("Bucephalus");
            assertThat(record.get("arrival").booleanValue()).isTrue();
            assertThat(lastEvent.get("continuation").textValue()).isEqualTo(sequenceNumber);
            assertThat(lastEvent.get("millisBehindLatest").asLong()).isZero();
        }
    }

    /** Copies the pinned package and script to target/js-client and installs the SDK there unless it already is. */
    public static void installClient() throws Exception {
        Files.createDirectories(CLIENT_DIR);
        for (String file : List.of("package.json", "package-lock.json", "kinesis-client.mjs", "signing-check.mjs",
                "dynamodb-signed.mjs")) {
            Files.copy(SOURCES.resolve(file), CLIENT_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        var pinned = new ObjectMapper().readTree(SOURCES.resolve("package.json").toFile()).get("dependencies").properties();
        boolean allInstalled = true;
        for (var dependency : pinned) {
            Path installed = CLIENT_DIR.resolve("node_modules/" + dependency.getKey() + "/package.json");
            allInstalled &= Files.exists(installed) && dependency.getValue().textValue()
                    .equals(new ObjectMapper().readTree(installed.toFile()).get("version").textValue());
        }
        if (allInstalled) {
            return;
        }
        Run install = run(CLIENT_DIR, 300, "npm", "ci", "--no-audit", "--no-fund");
        assertThat(install.exitCode()).as("npm ci of %s in %s:%n%s", pinned, CLIENT_DIR, install.output()).isZero();
        assertThat(CLIENT_DIR.resolve("node_modules/@aws-sdk/client-kinesis/package.json")).exists();
    }

    public record Run(int exitCode, String output) {
    }

    public static Run run(Path directory, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        return run(directory, timeoutSeconds, Map.of(), command);
    }

    /** With these environment variables set for the command. */
    public static Run run(Path directory, int timeoutSeconds, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("js-sdk", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
