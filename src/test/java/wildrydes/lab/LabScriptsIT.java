package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.producer.Unicorn;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The lab's scripts as a user runs them ({@code ./producer}, {@code ./consumer},
 * {@code ./wildrydes demo}), as real processes against a server on a random port.
 */
class LabScriptsIT {
    private static final Pattern READING = Pattern.compile("\\{\"Name\":\"(?<name>[^\"]+)\",\"StatusTime\":\"\\d{4}-\\d\\d-\\d\\d "
            + "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\",\"Latitude\":-?\\d+\\.\\d+,\"Longitude\":-?\\d+\\.\\d+,\"Distance\":\\d+,"
            + "\"MagicPoints\":\\d+,\"HealthPoints\":\\d+}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static KinesisServer server;
    static KinesisClient kinesis;
    static Map<String, String> env;

    @BeforeAll
    static void startServer() {
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir).withStateChangeMillis(50));
        kinesis = KinesisClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        env = Map.of("AWS_ENDPOINT_URL_KINESIS", server.endpoint());
    }

    @AfterAll
    static void stopServer() {
        kinesis.close();
        server.close();
    }

    static String createStream(int shards) {
        String name = "lab-" + UUID.randomUUID().toString().substring(0, 8);
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        return name;
    }

    static List<Record> readAll(String stream) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (true) {
                String current = it;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
                all.addAll(page.records());
                if (page.records().isEmpty()) {
                    break;
                }
                it = page.nextShardIterator();
            }
        }
        return all;
    }

    static String describe(ScriptRun run) {
        return "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();
    }

    @Test
    void producerPrintsADotPerPutAndSendsReadingsInTheReferenceFormat() throws Exception {
        String stream = createStream(1);
        try (ScriptRun producer = ScriptRun.run(env, 60, "producer", "-stream", stream, "-count", "3")) {
            assertThat(producer.exitCode()).as(describe(producer)).isZero();
            assertThat(producer.stdout()).as(describe(producer)).startsWith("...");
            assertThat(producer.stderr()).contains("sent 3 readings");
        }
        List<Record> records = readAll(stream);
        assertThat(records).hasSize(3);
        double previousLat = Unicorn.START_LATITUDE;
        double previousLon = Unicorn.START_LONGITUDE;
        for (Record record : records) {
            String data = record.data().asUtf8String();
            assertThat(data).as("one JSON object ending in a newline, as the workshop's later client sends").endsWith("}\n");
            assertThat(data.substring(0, data.length() - 1)).matches(READING);
            assertThat(record.partitionKey()).isEqualTo("Shadowfax");
            JsonNode reading = JSON.readTree(data);
            int distance = reading.get("Distance").asInt();
            assertThat(distance).isBetween(100, 218);
            assertThat(reading.get("MagicPoints").asInt()).isBetween(147, 153);
            assertThat(reading.get("HealthPoints").asInt()).isBetween(147, 153);
            double lat = reading.get("Latitude").asDouble();
            double lon = reading.get("Longitude").asDouble();
            double metres = Math.hypot((lat - previousLat) * 110540, (lon - previousLon) * 111320 * Math.cos(Math.toRadians(lat)));
            assertThat(metres).as("moved as far as Distance says").isCloseTo(distance, org.assertj.core.data.Offset.offset(1.0));
            previousLat = lat;
            previousLon = lon;
        }
    }

    @Test
    void goStyleFlagsAllWork() throws Exception {
        String stream = createStream(1);
        for (List<String> args : List.of(List.of("-name=Bucephalus", "-stream=" + stream), List.of("--name", "Rocinante", "--stream", stream),
                List.of("-name", "Pegasus", "-stream", stream, "-region", "us-east-1"))) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("-count", "1", "-endpoint", server.endpoint()));
            try (ScriptRun producer = ScriptRun.run(Map.of(), 60, "producer", all.toArray(String[]::new))) {
                assertThat(producer.exitCode()).as(describe(producer)).isZero();
            }
        }
        assertThat(readAll(stream)).extracting(Record::partitionKey).containsExactlyInAnyOrder("Bucephalus", "Rocinante", "Pegasus");
    }

    @Test
    void consumerPrintsEachRecordIndentedWithFourSpaces() throws Exception {
        String stream = createStream(1);
        String reading = "{\"Name\":\"Shadowfax\",\"StatusTime\":\"2017-06-05 09:17:08.189\",\"Latitude\":42.264444250051326,"
                + "\"Longitude\":-71.97582884770408,\"Distance\":175,\"MagicPoints\":110,\"HealthPoints\":150}";
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("Shadowfax")
                .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String(reading)));
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", stream, "-from", "trim-horizon", "-max", "1")) {
            assertThat(consumer.exitCode()).as(describe(consumer)).isZero();
            assertThat(consumer.stdout()).isEqualTo("""
                    {
                        "Name": "Shadowfax",
                        "StatusTime": "2017-06-05 09:17:08.189",
                        "Latitude": 42.264444250051326,
                        "Longitude": -71.97582884770408,
                        "Distance": 175,
                        "MagicPoints": 110,
                        "HealthPoints": 150
                    }
                    """);
        }
    }

    @Test
    void twoProducersAppearInTheConsumerAndARestartedProducerResumes() throws Exception {
        String stream = createStream(1);
        String since = Instant.now().minusSeconds(1).toString();
        try (ScriptRun consumer = ScriptRun.start(env, "consumer", "-stream", stream, "-from", since, "-format", "line",
                "-timeout", "20s", "-max", "8")) {
            try (ScriptRun shadowfax = ScriptRun.start(env, "producer", "-stream", stream, "-count", "3");
                 ScriptRun bucephalus = ScriptRun.start(env, "producer", "-stream", stream, "-count", "3", "-name", "Bucephalus")) {
                assertThat(shadowfax.awaitExit(60)).as(describe(shadowfax)).isZero();
                assertThat(bucephalus.awaitExit(60)).as(describe(bucephalus)).isZero();
            }
            try (ScriptRun again = ScriptRun.run(env, 60, "producer", "-stream", stream, "-count", "2")) {
                assertThat(again.exitCode()).as(describe(again)).isZero();
            }
            assertThat(consumer.awaitExit(60)).as(describe(consumer)).isZero();
            List<String> lines = consumer.stdout().lines().toList();
            assertThat(lines).as(describe(consumer)).hasSize(8);
            List<String> names = new ArrayList<>();
            for (String line : lines) {
                names.add(JSON.readTree(line).get("Name").asText());
            }
            assertThat(names).filteredOn("Shadowfax"::equals).hasSize(5);
            assertThat(names).filteredOn("Bucephalus"::equals).hasSize(3);
        }
    }

    @Test
    void consumerReadsEveryShardOfAMultiShardStreamFromTrimHorizon() throws Exception {
        String stream = createStream(4);
        try (ScriptRun fleet = ScriptRun.run(env, 60, "producer", "-stream", stream, "-fleet", "20", "-count", "3", "-rate", "10")) {
            assertThat(fleet.exitCode()).as(describe(fleet)).isZero();
        }
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", stream, "-from", "trim-horizon",
                "-format", "line", "-meta", "-lag", "-timeout", "3s")) {
            assertThat(consumer.exitCode()).as(describe(consumer)).isZero();
            assertThat(consumer.stderr()).as("-lag reports each shard's MillisBehindLatest").contains("ms behind latest");
            List<String> lines = consumer.stdout().lines().toList();
            assertThat(lines).hasSize(60);
            Set<String> shards = new HashSet<>();
            Set<String> keys = new HashSet<>();
            for (String line : lines) {
                JsonNode record = JSON.readTree(line);
                shards.add(record.get("ShardId").asText());
                keys.add(record.get("ShardId").asText() + "/" + record.get("SequenceNumber").asText());
                assertThat(record.get("Data").get("Name").asText()).isEqualTo(record.get("PartitionKey").asText());
            }
            assertThat(keys).as("no record twice").hasSize(60);
            assertThat(shards).as("20 unicorns spread over the 4 shards").hasSizeGreaterThan(1);
        }
    }

    @Test
    void consumerFollowsARealSplitWithoutGapsOrDuplicates() throws Exception {
        String stream = createStream(1);
        try (ScriptRun consumer = ScriptRun.start(env, "consumer", "-stream", stream, "-from", "trim-horizon", "-format", "line",
                "-meta", "-timeout", "15s", "-max", "80")) {
            try (ScriptRun fleet = ScriptRun.start(env, "producer", "-stream", stream, "-fleet", "10", "-count", "8", "-rate", "2")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (server.streams().stream(stream).shards().get(0).log().committedEnd() < 20) {
                    assertThat(System.nanoTime()).as("the producer wrote its first readings").isLessThan(deadline);
                    Thread.sleep(20);
                }
                kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000")
                        .newStartingHashKey(java.math.BigInteger.ONE.shiftLeft(127).toString()));
                assertThat(fleet.awaitExit(60)).as(describe(fleet)).isZero();
            }
            assertThat(consumer.awaitExit(60)).as(describe(consumer)).isZero();
            List<String> lines = consumer.stdout().lines().toList();
            Set<String> seen = new HashSet<>();
            Set<String> shards = new HashSet<>();
            for (String line : lines) {
                JsonNode record = JSON.readTree(line);
                seen.add(record.get("Data").get("Name").asText() + "@" + record.get("Data").get("StatusTime").asText());
                shards.add(record.get("ShardId").asText());
            }
            assertThat(lines).as(describe(consumer)).hasSize(80);
            assertThat(seen).as("no reading twice").hasSize(80);
            assertThat(shards).as("read the parent and then the children").contains("shardId-000000000000").hasSizeGreaterThan(1);
        }
    }

    @Test
    void theProducerRetriesThroughInjectedFaultsAndLosesNothing(@TempDir Path faultyData) throws Exception {
        try (KinesisServer faulty = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(faultyData)
                .withStateChangeMillis(50).withLimits(false, 0.3))) {
            Map<String, String> faultyEnv = Map.of("AWS_ENDPOINT_URL_KINESIS", faulty.endpoint());
            faulty.streams().createStream("faulty", 1, wildrydes.stream.StreamMode.PROVISIONED, null);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (faulty.streams().stream("faulty").status() != wildrydes.stream.StreamStatus.ACTIVE) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            try (ScriptRun producer = ScriptRun.run(faultyEnv, 120, "producer", "-stream", "faulty", "-count", "20", "-rate", "20")) {
                assertThat(producer.exitCode()).as(describe(producer)).isZero();
                assertThat(producer.stderr()).contains("sent 20 readings").contains("0 failed");
            }
            assertThat(faulty.streams().stream("faulty").shards().get(0).log().committedEnd()).isEqualTo(20);
        }
    }

    @Test
    void consumerShowsNonJsonDataSafely() throws Exception {
        String stream = createStream(1);
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("bin")
                .data(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {(byte) 0xFF, 0, 1})));
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("txt")
                .data(software.amazon.awssdk.core.SdkBytes.fromString("plain text", StandardCharsets.UTF_8)));
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", stream, "-from", "trim-horizon", "-max", "2",
                "-format", "line")) {
            assertThat(consumer.exitCode()).as(describe(consumer)).isZero();
            assertThat(consumer.stdout().lines().toList()).containsExactly("{\"base64\":\"/wAB\"}", "\"plain text\"");
        }
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", stream, "-from", "trim-horizon", "-max", "2",
                "-format", "base64")) {
            assertThat(consumer.stdout().lines().toList()).containsExactly("/wAB", "cGxhaW4gdGV4dA==");
        }
    }

    @Test
    void ctrlCStopsTheProducerWithASummary() throws Exception {
        String stream = createStream(1);
        try (ScriptRun producer = ScriptRun.start(env, "producer", "-stream", stream)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!producer.stdout().contains("..") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            producer.interrupt();
            producer.awaitExit(20);
            assertThat(producer.stderr()).as(describe(producer)).containsPattern("producer: sent \\d+ readings? from 1 unicorn");
        }
    }

    @Test
    void aMissingServerIsExplainedInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ScriptRun producer = ScriptRun.run(Map.of(), 60, "producer", "-endpoint", "http://127.0.0.1:" + closedPort)) {
            assertThat(producer.exitCode()).isNotZero();
            assertThat(producer.stderr().strip().lines().toList()).as(describe(producer)).hasSize(1);
            assertThat(producer.stderr()).contains("Nothing answers at http://127.0.0.1:" + closedPort).contains("./wildrydes server");
        }
    }

    @Test
    void aMissingStreamIsExplainedWithTheCommandThatCreatesIt() throws Exception {
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", "no-such-stream")) {
            assertThat(consumer.exitCode()).isNotZero();
            assertThat(consumer.stderr()).as(describe(consumer))
                    .contains("Stream no-such-stream does not exist")
                    .contains("kinesis create-stream --stream-name no-such-stream --shard-count 1");
        }
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String[] command : List.of(new String[] {"producer", "--help"}, new String[] {"consumer", "--help"},
                new String[] {"process", "--help"},
                new String[] {"wildrydes", "demo", "--help"}, new String[] {"wildrydes", "server", "--help"},
                new String[] {"wildrydes", "--help"})) {
            String script = command[0];
            String[] args = java.util.Arrays.copyOfRange(command, 1, command.length);
            try (ScriptRun help = ScriptRun.run(Map.of(), 60, script, args)) {
                assertThat(help.exitCode()).as(describe(help)).isZero();
                assertThat(help.stdout()).contains("Usage:");
            }
        }
    }

    @Test
    void theDemoRunsHeadlessAndShowsBothUnicorns(@TempDir Path demoData) throws Exception {
        try (ScriptRun demo = ScriptRun.run(Map.of(), 90, "wildrydes", "demo", "-duration", "6s", "-port", "0",
                "-data-dir", demoData.toString(), "-shards", "2")) {
            assertThat(demo.exitCode()).as(describe(demo)).isZero();
            assertThat(demo.stdout()).contains("Wild Rydes demo").contains("2 shards").contains("\"Name\": \"Shadowfax\"").contains("\"Name\": \"Bucephalus\"");
            assertThat(demo.stderr()).contains("The data stays in the stream.");
        }
        try (KinesisServer again = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(demoData))) {
            long stored = again.streams().stream("wildrydes").shards().stream().mapToLong(s -> s.log().committedEnd()).sum();
            assertThat(stored).as("the demo's data stays on disk").isGreaterThan(4);
        }
    }
}
