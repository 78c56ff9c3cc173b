package wildrydes.tables.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The AWS SDK for JavaScript v3's document client ({@code @aws-sdk/lib-dynamodb}, pinned in
 * src/test/js) runs the lab's stream processor function against a durable server: 100 summaries
 * from a Kinesis event written with BatchWriteItem 25 at a time, then read back. The packages are
 * installed with {@code npm ci} into target/js-client when missing; if that fails, the test fails.
 */
class DocumentClientLabFunctionTest {
    static final Path SOURCES = Path.of("src", "test", "js");
    static final Path CLIENT_DIR = Path.of("target", "js-client");
    static final List<String> PACKAGES = List.of("@aws-sdk/client-kinesis", "@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb");

    @TempDir
    Path dir;

    @Test
    void theLabFunctionWritesEverySummaryInBatchesOfTwentyFive() throws Exception {
        install();
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withStateChangeMillis(0))) {
            try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                ddb.createTable(r -> r.tableName("UnicornSensorData").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("Name").attributeType("S").build(),
                                AttributeDefinition.builder().attributeName("StatusTime").attributeType("S").build())
                        .keySchema(KeySchemaElement.builder().attributeName("Name").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("StatusTime").keyType(KeyType.RANGE).build()));
                TimeUnit.MILLISECONDS.sleep(50);
            }
            Run run = run(CLIENT_DIR, 120, "node", "dynamodb-lab-function.mjs", server.endpoint(), "UnicornSensorData", "100");
            assertThat(run.exitCode()).as("node exited; output:%n%s", run.output()).isZero();
            JsonNode result = new ObjectMapper().readTree(run.output().strip().lines().reduce((a, b) -> b).orElse(""));
            assertThat(result.path("delivered").path("message").asText()).isEqualTo("Delivered 100 records");
            assertThat(result.path("delivered").path("calls").asInt()).as("BatchWriteItem calls").isEqualTo(4);
            assertThat(result.path("perUnicorn").path("Shadowfax").asInt()).isEqualTo(34);
            assertThat(result.path("perUnicorn").path("Bucephalus").asInt()).isEqualTo(33);
            assertThat(result.path("perUnicorn").path("Rocinante").asInt()).isEqualTo(33);
            JsonNode first = result.path("first");
            assertThat(first.path("Distance").asInt()).isEqualTo(300);
            assertThat(first.path("MinHealthPoints").asDouble()).isEqualTo(146.5);
            assertThat(server.tables().metrics().calls("BatchWriteItem", "UnicornSensorData")).isEqualTo(4);
        }
    }

    /** Copies the pinned packages and scripts to target/js-client and installs them there unless they already are. */
    static void install() throws Exception {
        Files.createDirectories(CLIENT_DIR);
        for (String file : List.of("package.json", "package-lock.json", "kinesis-client.mjs", "dynamodb-lab-function.mjs")) {
            Files.copy(SOURCES.resolve(file), CLIENT_DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode pinned = json.readTree(SOURCES.resolve("package.json").toFile()).get("dependencies");
        boolean installed = true;
        for (String name : PACKAGES) {
            Path manifest = CLIENT_DIR.resolve("node_modules").resolve(name).resolve("package.json");
            installed &= Files.exists(manifest) && pinned.get(name).textValue().equals(json.readTree(manifest.toFile()).get("version").textValue());
        }
        if (installed) {
            return;
        }
        Run install = run(CLIENT_DIR, 300, "npm", "ci", "--no-audit", "--no-fund");
        assertThat(install.exitCode()).as("npm ci of %s in %s:%n%s", PACKAGES, CLIENT_DIR, install.output()).isZero();
    }

    record Run(int exitCode, String output) {
    }

    static Run run(Path directory, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("js-sdk", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
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
