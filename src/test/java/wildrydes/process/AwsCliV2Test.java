package wildrydes.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The real AWS CLI v2 ({@code /usr/bin/aws}, Debian package {@code awscli}) against a durable
 * server: what a Wild Rydes lab attendee types must work.
 */
@Timeout(120)
class AwsCliV2Test {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAX_HASH_KEY = "340282366920938463463374607431768211455"; // 2^128 - 1
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path tmp;

    private static KinesisServer server;
    private static Path configFile;
    private static Path credentialsFile;

    /** A finished CLI run. */
    record Cli(List<String> command, int exit, String stdout, String stderr) {
        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("stdout of " + this + " is not JSON", e);
            }
        }

        Cli succeeded() {
            assertThat(exit).as("exit code of %s", this).isZero();
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n  exit: " + exit + "\n  stdout: " + stdout + "\n  stderr: " + stderr;
        }
    }

    @BeforeAll
    static void startServer() throws IOException {
        configFile = Files.createFile(tmp.resolve("aws-config"));
        credentialsFile = Files.createFile(tmp.resolve("aws-credentials"));
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(tmp.resolve("data"))
                .withStateChangeMillis(50));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static void requireCliV2() {
        assertThat(Files.isExecutable(AWS))
                .withFailMessage("AWS CLI v2 is missing at %s: install it with `apt-get install awscli` "
                        + "(Debian's awscli package is CLI v2)", AWS)
                .isTrue();
    }

    /** Runs /usr/bin/aws with the given arguments and nothing from this machine's AWS configuration. */
    private static Cli run(List<String> args) {
        requireCliV2();
        List<String> command = new ArrayList<>();
        command.add(AWS.toString());
        command.addAll(args);
        int n = RUNS.incrementAndGet();
        Path out = tmp.resolve("cli-" + n + ".out");
        Path err = tmp.resolve("cli-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.toLowerCase().endsWith("_proxy"));
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", configFile.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT
                        + "\n  stdout: " + Files.readString(out) + "\n  stderr: " + Files.readString(err));
            }
            return new Cli(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted running " + command, e);
        }
    }

    /** {@code aws kinesis ARGS --endpoint-url ENDPOINT --output json}. */
    private static Cli kinesis(String... args) {
        List<String> all = new ArrayList<>();
        all.add("kinesis");
        all.addAll(List.of(args));
        all.addAll(List.of("--endpoint-url", server.endpoint(), "--output", "json"));
        return run(all);
    }

    /** create-stream, then describe-stream-summary until ACTIVE (bounded); returns the last summary. */
    private static JsonNode createActiveStream(String name, int shards) throws InterruptedException {
        Cli created = kinesis("create-stream", "--stream-name", name, "--shard-count", Integer.toString(shards)).succeeded();
        assertThat(created.stdout()).as("create-stream prints nothing on success: %s", created).isBlank();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Cli last;
        do {
            last = kinesis("describe-stream-summary", "--stream-name", name).succeeded();
            JsonNode summary = last.json().path("StreamDescriptionSummary");
            if (summary.path("StreamStatus").asText().equals("ACTIVE")) {
                return summary;
            }
            assertThat(summary.path("StreamStatus").asText()).as("status while waiting: %s", last).isEqualTo("CREATING");
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Stream " + name + " not ACTIVE within 30 s; last: " + last);
    }

    private static String trimHorizonIterator(String stream, String shardId) {
        Cli it = kinesis("get-shard-iterator", "--stream-name", stream, "--shard-id", shardId,
                "--shard-iterator-type", "TRIM_HORIZON").succeeded();
        String iterator = it.json().path("ShardIterator").asText();
        assertThat(iterator).as("ShardIterator of %s", it).isNotBlank();
        return iterator;
    }

    private static byte[] base64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }

    @Test
    void usrBinAwsIsAwsCliVersion2() {
        Cli version = run(List.of("--version")).succeeded();
        assertThat(version.stdout() + version.stderr()).as("%s", version).contains("aws-cli/2.");
    }

    @Test
    void createStreamBecomesActiveAndIsShownByListStreamsAndListShards() throws InterruptedException {
        JsonNode summary = createActiveStream("wildrydes", 1);
        assertThat(summary.path("StreamName").asText()).isEqualTo("wildrydes");
        assertThat(summary.path("StreamARN").asText()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/wildrydes");
        assertThat(summary.path("OpenShardCount").asInt(-1)).as("OpenShardCount in %s", summary).isEqualTo(1);

        Cli list = kinesis("list-streams").succeeded();
        JsonNode listed = list.json();
        assertThat(listed.path("StreamNames").isArray()).as("StreamNames array in %s", list).isTrue();
        assertThat(names(listed.path("StreamNames"))).as("StreamNames in %s", list).contains("wildrydes");
        JsonNode streamSummary = null;
        for (JsonNode s : listed.path("StreamSummaries")) {
            if (s.path("StreamName").asText().equals("wildrydes")) {
                streamSummary = s;
            }
        }
        assertThat(streamSummary).as("wildrydes in StreamSummaries of %s", list).isNotNull();
        assertThat(streamSummary.path("StreamStatus").asText()).isEqualTo("ACTIVE");
        assertThat(streamSummary.path("StreamARN").asText()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/wildrydes");
        assertThat(streamSummary.path("StreamModeDetails").path("StreamMode").asText()).isEqualTo("PROVISIONED");

        Cli shards = kinesis("list-shards", "--stream-name", "wildrydes").succeeded();
        JsonNode shardList = shards.json().path("Shards");
        assertThat(shardList.size()).as("Shards in %s", shards).isEqualTo(1);
        JsonNode shard = shardList.get(0);
        assertThat(shard.path("ShardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(shard.path("HashKeyRange").path("StartingHashKey").asText()).isEqualTo("0");
        assertThat(shard.path("HashKeyRange").path("EndingHashKey").asText()).isEqualTo(MAX_HASH_KEY);
        assertThat(shard.path("SequenceNumberRange").path("StartingSequenceNumber").asText()).as("%s", shards).matches("\\d{1,128}");
        assertThat(shard.has("SequenceNumberRange") && !shard.path("SequenceNumberRange").has("EndingSequenceNumber"))
                .as("an open shard has no EndingSequenceNumber: %s", shards).isTrue();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    @Test
    void rawTextPutWithRawInBase64OutComesBackByteForByteFromGetRecords() throws InterruptedException {
        String stream = "wildrydes-raw";
        createActiveStream(stream, 1);
        String reading = "{\"Name\":\"Shadowfax\",\"StatusTime\":\"2024-05-01 12:00:00.000\",\"Latitude\":47.6062,"
                + "\"Longitude\":-122.3321,\"Distance\":175,\"MagicPoints\":98,\"HealthPoints\":150}";

        Cli put = kinesis("put-record", "--stream-name", stream, "--partition-key", "Shadowfax", "--data", reading,
                "--cli-binary-format", "raw-in-base64-out").succeeded();
        JsonNode putResult = put.json();
        assertThat(putResult.path("ShardId").asText()).as("%s", put).isEqualTo("shardId-000000000000");
        String sequenceNumber = putResult.path("SequenceNumber").asText();
        assertThat(sequenceNumber).as("SequenceNumber of %s", put).matches("\\d{1,128}");

        Cli get = kinesis("get-records", "--shard-iterator", trimHorizonIterator(stream, "shardId-000000000000")).succeeded();
        JsonNode records = get.json().path("Records");
        assertThat(records.size()).as("Records in %s", get).isEqualTo(1);
        JsonNode record = records.get(0);
        assertThat(new String(base64(record.path("Data")), StandardCharsets.UTF_8)).as("Data of %s", get).isEqualTo(reading);
        assertThat(record.path("PartitionKey").asText()).isEqualTo("Shadowfax");
        assertThat(record.path("SequenceNumber").asText()).as("SequenceNumber of %s", get).isEqualTo(sequenceNumber);
        assertThat(record.path("ApproximateArrivalTimestamp").isMissingNode()).as("ApproximateArrivalTimestamp in %s", get).isFalse();
        assertThat(get.json().path("NextShardIterator").asText()).as("NextShardIterator of an open shard in %s", get).isNotBlank();
        assertThat(get.json().path("MillisBehindLatest").asLong(-1)).as("MillisBehindLatest in %s", get).isZero();
    }

    @Test
    void base64DataWithoutBinaryFormatFlagIsStoredDecodedAndReturnedInOrder() throws InterruptedException {
        String stream = "wildrydes-base64";
        createActiveStream(stream, 1);
        byte[] text = "{\"Name\":\"Rocinante\",\"MagicPoints\":42}".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        List<byte[]> payloads = List.of(text, binary);
        List<String> sequenceNumbers = new ArrayList<>();
        for (byte[] payload : payloads) {
            Cli put = kinesis("put-record", "--stream-name", stream, "--partition-key", "Rocinante",
                    "--data", Base64.getEncoder().encodeToString(payload)).succeeded();
            sequenceNumbers.add(put.json().path("SequenceNumber").asText());
        }
        assertThat(sequenceNumbers.get(1)).as("second put's sequence number sorts after the first (same length digits)")
                .hasSameSizeAs(sequenceNumbers.get(0)).isGreaterThan(sequenceNumbers.get(0));

        Cli get = kinesis("get-records", "--shard-iterator", trimHorizonIterator(stream, "shardId-000000000000"),
                "--limit", "10").succeeded();
        JsonNode records = get.json().path("Records");
        assertThat(records.size()).as("Records in %s", get).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(base64(records.get(i).path("Data"))).as("Data of record %d in %s", i, get).isEqualTo(payloads.get(i));
            assertThat(records.get(i).path("SequenceNumber").asText()).isEqualTo(sequenceNumbers.get(i));
            assertThat(records.get(i).path("PartitionKey").asText()).isEqualTo("Rocinante");
        }
    }

    @Test
    void describeStreamSummaryOfAMissingStreamExitsWithAServiceErrorResourceNotFound() {
        Cli missing = kinesis("describe-stream-summary", "--stream-name", "no-such-unicorn");
        assertThat(missing.exit()).as("exit code: %s", missing).isNotZero();
        // CLI v2 exits with 254 when the service answered with an error it could parse.
        assertThat(missing.exit()).as("exit code (254 = the service returned an error): %s", missing).isEqualTo(254);
        assertThat(missing.stderr()).as("stderr of %s", missing)
                .contains("ResourceNotFoundException", "DescribeStreamSummary", "no-such-unicorn");
        assertThat(missing.stdout()).as("stdout of %s", missing).isBlank();
    }

    @Test
    void deleteStreamMakesTheStreamDisappearFromListStreams() throws InterruptedException {
        String stream = "wildrydes-doomed";
        createActiveStream(stream, 1);
        assertThat(names(kinesis("list-streams").succeeded().json().path("StreamNames"))).contains(stream);

        Cli deleted = kinesis("delete-stream", "--stream-name", stream).succeeded();
        assertThat(deleted.stdout()).as("delete-stream prints nothing on success: %s", deleted).isBlank();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Cli list;
        while (true) {
            list = kinesis("list-streams").succeeded();
            if (!names(list.json().path("StreamNames")).contains(stream)) {
                break;
            }
            assertThat(System.nanoTime()).as("%s still listed 30 s after delete-stream: %s", stream, list).isLessThan(deadline);
            Thread.sleep(100);
        }
        for (JsonNode s : list.json().path("StreamSummaries")) {
            assertThat(s.path("StreamName").asText()).as("StreamSummaries of %s", list).isNotEqualTo(stream);
        }
        Cli gone = kinesis("describe-stream-summary", "--stream-name", stream);
        assertThat(gone.exit()).as("%s", gone).isEqualTo(254);
        assertThat(gone.stderr()).as("%s", gone).contains("ResourceNotFoundException");
    }
}
