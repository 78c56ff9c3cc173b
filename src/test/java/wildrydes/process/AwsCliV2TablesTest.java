package wildrydes.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The real AWS CLI v2 ({@code /usr/bin/aws}) running module 4's table commands against a
 * durable server: create the lab's table, write, read, query, scan, update, delete it.
 */
@Timeout(180)
class AwsCliV2TablesTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static KinesisServer server;
    private static int runs;

    @BeforeAll
    static void startServer() {
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(tmp.resolve("data")).withStateChangeMillis(50));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs {@code aws dynamodb ARGS} against the server; fails with everything the CLI said unless it succeeds. */
    static JsonNode dynamodb(String... args) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(AWS)).withFailMessage("AWS CLI v2 is missing at %s: install it with `apt-get install awscli`", AWS)
                .isTrue();
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "dynamodb"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", server.endpoint(), "--output", "json"));
        Path out = tmp.resolve("cli-" + (++runs) + ".out");
        Path err = tmp.resolve("cli-" + runs + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.toLowerCase().endsWith("_proxy"));
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", Files.writeString(tmp.resolve("config"), "").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", Files.writeString(tmp.resolve("credentials"), "").toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " did not finish within 60 s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s\nstdout: %s\nstderr: %s", command, stdout, Files.readString(err)).isZero();
        return stdout.isBlank() ? JSON.createObjectNode() : JSON.readTree(stdout);
    }

    static final String KEY = "{\"Name\":{\"S\":\"Shadowfax\"},\"StatusTime\":{\"S\":\"2018-03-18 03:20:00.000\"}}";

    @Test
    void theLabsTableCommandsWork() throws Exception {
        JsonNode created = dynamodb("create-table", "--table-name", "UnicornSensorData",
                "--attribute-definitions", "AttributeName=Name,AttributeType=S", "AttributeName=StatusTime,AttributeType=S",
                "--key-schema", "AttributeName=Name,KeyType=HASH", "AttributeName=StatusTime,KeyType=RANGE",
                "--provisioned-throughput", "ReadCapacityUnits=5,WriteCapacityUnits=5");
        assertThat(created.path("TableDescription").path("TableName").asText()).isEqualTo("UnicornSensorData");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!dynamodb("describe-table", "--table-name", "UnicornSensorData").path("Table").path("TableStatus").asText().equals("ACTIVE")) {
            assertThat(System.nanoTime()).as("table ACTIVE within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        dynamodb("put-item", "--table-name", "UnicornSensorData", "--item", "{\"Name\":{\"S\":\"Shadowfax\"},"
                + "\"StatusTime\":{\"S\":\"2018-03-18 03:20:00.000\"},\"Distance\":{\"N\":\"362\"},\"MinMagicPoints\":{\"N\":\"170\"}}");
        dynamodb("put-item", "--table-name", "UnicornSensorData", "--item", "{\"Name\":{\"S\":\"Shadowfax\"},"
                + "\"StatusTime\":{\"S\":\"2018-03-18 03:21:00.000\"},\"Distance\":{\"N\":\"350\"}}");
        JsonNode got = dynamodb("get-item", "--table-name", "UnicornSensorData", "--key", KEY);
        assertThat(got.path("Item").path("Distance").path("N").asText()).isEqualTo("362");

        JsonNode queried = dynamodb("query", "--table-name", "UnicornSensorData", "--key-condition-expression", "#n = :n AND StatusTime >= :t",
                "--expression-attribute-names", "{\"#n\":\"Name\"}",
                "--expression-attribute-values", "{\":n\":{\"S\":\"Shadowfax\"},\":t\":{\"S\":\"2018-03-18 03:20\"}}");
        assertThat(queried.path("Count").asInt()).isEqualTo(2);
        assertThat(queried.path("Items").get(0).path("StatusTime").path("S").asText()).isEqualTo("2018-03-18 03:20:00.000");

        JsonNode scanned = dynamodb("scan", "--table-name", "UnicornSensorData", "--page-size", "1");
        assertThat(scanned.path("Items").size()).as("the CLI follows LastEvaluatedKey across pages of 1").isEqualTo(2);

        JsonNode updated = dynamodb("update-item", "--table-name", "UnicornSensorData", "--key", KEY,
                "--update-expression", "SET Distance = Distance + :d", "--expression-attribute-values", "{\":d\":{\"N\":\"1\"}}",
                "--return-values", "ALL_NEW");
        assertThat(updated.path("Attributes").path("Distance").path("N").asText()).isEqualTo("363");

        JsonNode deleted = dynamodb("delete-table", "--table-name", "UnicornSensorData");
        assertThat(deleted.path("TableDescription").path("TableStatus").asText()).isEqualTo("DELETING");
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (dynamodb("list-tables").path("TableNames").size() > 0) {
            assertThat(System.nanoTime()).as("table gone within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
