package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
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

/**
 * Module 3 as a learner runs it, every part a real process: the server, producers, {@code ./aggregate}
 * (killed with SIGKILL and halted at each point of an emit, then started again) and
 * {@code ./consumer -stream wildrydes-summary}; the summaries must equal a recomputation from
 * the raw records, each exactly once.
 */
class AggregateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT = Pattern.compile("Kinesis endpoint (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    static Path dir;

    static ScriptRun server;
    static String endpoint;
    static KinesisClient kinesis;
    static Map<String, String> env;

    @BeforeAll
    static void startServer() throws Exception {
        server = ScriptRun.start(Map.of(), "wildrydes", "server", "--port", "0", "--no-tls", "--state-change-ms", "50",
                "--data-dir", dir.resolve("data").toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Matcher m = ENDPOINT.matcher("");
        while (!(m = ENDPOINT.matcher(server.stdout())).find()) {
            assertThat(System.nanoTime()).as("the server printed its endpoint: " + server.stderr()).isLessThan(deadline);
            Thread.sleep(50);
        }
        endpoint = m.group(1);
        kinesis = KinesisClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        env = Map.of("AWS_ENDPOINT_URL_KINESIS", endpoint);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (kinesis != null) {
            kinesis.close();
        }
        server.close();
    }

    static String createStream() throws InterruptedException {
        String name = "agg-" + UUID.randomUUID().toString().substring(0, 8);
        kinesis.createStream(r -> r.streamName(name).shardCount(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        return name;
    }

    static List<Record> readAll(String stream) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
                String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (it != null) {
                    String current = it;
                    GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                    all.addAll(page.records());
                    if (page.records().isEmpty()) {
                        break;
                    }
                    it = page.nextShardIterator();
                }
        }
        return all;
    }

    /** The workshop's summaries from the raw records: per window of arrival time (UTC) and Name, as JSON text. */
    static Map<String, String> recompute(String source, long windowMillis) throws Exception {
        Map<String, List<JsonNode>> groups = new TreeMap<>();
        for (Record record : readAll(source)) {
            JsonNode reading = JSON.readTree(record.data().asUtf8String());
            long start = Math.floorDiv(record.approximateArrivalTimestamp().toEpochMilli(), windowMillis) * windowMillis;
            String time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                    .format(java.time.LocalDateTime.ofEpochSecond(start / 1000, 0, java.time.ZoneOffset.UTC));
            groups.computeIfAbsent(reading.get("Name").asText() + "@" + time, k -> new ArrayList<>()).add(reading);
        }
        Map<String, String> expected = new TreeMap<>();
        groups.forEach((key, readings) -> expected.put(key, "{\"Name\":\"" + key.substring(0, key.indexOf('@')) + "\",\"StatusTime\":\""
                + key.substring(key.indexOf('@') + 1) + "\",\"Distance\":" + readings.stream().mapToLong(r -> r.get("Distance").asLong()).sum()
                + ",\"MinMagicPoints\":" + readings.stream().mapToInt(r -> r.get("MagicPoints").asInt()).min().orElseThrow()
                + ",\"MaxMagicPoints\":" + readings.stream().mapToInt(r -> r.get("MagicPoints").asInt()).max().orElseThrow()
                + ",\"MinHealthPoints\":" + readings.stream().mapToInt(r -> r.get("HealthPoints").asInt()).min().orElseThrow()
                + ",\"MaxHealthPoints\":" + readings.stream().mapToInt(r -> r.get("HealthPoints").asInt()).max().orElseThrow() + "}"));
        return expected;
    }

    /** Summary lines by Name@StatusTime; fails on a second line for the same unicorn and window. */
    static Map<String, String> byWindow(List<String> lines) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String line : lines) {
            JsonNode row = JSON.readTree(line);
            String key = row.get("Name").asText() + "@" + row.get("StatusTime").asText();
            assertThat(out.put(key, line)).as("a second summary for " + key).isNull();
        }
        return out;
    }

    static List<String> destinationLines(String destination) {
        try {
            return readAll(destination).stream().map(r -> r.data().asUtf8String()).toList();
        } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException notYet) {
            return List.of(); // the aggregation has not created it yet, or it is being created
        }
    }

    static void awaitAll(String source, String destination, long windowMillis, int seconds, ScriptRun aggregate) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (destinationLines(destination).size() < recompute(source, windowMillis).size()) {
            assertThat(System.nanoTime()).as("every window emitted; " + ScriptRunText.of(aggregate)).isLessThan(deadline);
            assertThat(aggregate.alive()).as("aggregate still running; " + ScriptRunText.of(aggregate)).isTrue();
            Thread.sleep(200);
        }
    }

    @Test
    void twoProducersAggregateKilledMidWindowAndRestartedThenTheConsumerShowsEachSummaryOnce() throws Exception {
        String source = createStream();
        String destination = source + "-summary";
        Path state = dir.resolve("state-" + source);
        String[] aggregateArgs = {"-source", source, "-destination", destination, "-window", "10s", "-from", "trim-horizon",
            "-state", state.toString(), "-status-every", "2s"};
        try (ScriptRun shadowfax = ScriptRun.start(env, "producer", "-stream", source, "-rate", "4", "-count", "60");
             ScriptRun bucephalus = ScriptRun.start(env, "producer", "-stream", source, "-name", "Bucephalus", "-rate", "4", "-count", "60")) {
            try (ScriptRun first = ScriptRun.start(env, "aggregate", aggregateArgs)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (destinationLines(destination).size() < 2) {
                    assertThat(System.nanoTime()).as("the first window emitted: " + ScriptRunText.of(first)).isLessThan(deadline);
                    Thread.sleep(100);
                }
                first.kill(); // mid-window: the next window is open, the producers go on
                assertThat(first.stderr()).contains("creating it with 1 shard").contains("records in, windows:");
            }
            try (ScriptRun second = ScriptRun.start(env, "aggregate", aggregateArgs)) {
                assertThat(shadowfax.awaitExit(60)).as(ScriptRunText.of(shadowfax)).isZero();
                assertThat(bucephalus.awaitExit(60)).as(ScriptRunText.of(bucephalus)).isZero();
                awaitAll(source, destination, 10_000, 40, second);
                second.interrupt();
                assertThat(second.awaitExit(30)).as("Ctrl+C: " + ScriptRunText.of(second)).isIn(0, 130);
                assertThat(second.stderr()).contains("resuming the aggregation in").containsPattern("took in \\d+ records")
                        .contains("read again").contains("to " + destination);
            }
        }
        Map<String, String> expected = recompute(source, 10_000);
        assertThat(readAll(source)).hasSize(120);
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", destination, "-from", "trim-horizon", "-format",
                "line", "-timeout", "3s")) {
            assertThat(consumer.exitCode()).as(ScriptRunText.of(consumer)).isZero();
            Map<String, String> shown = byWindow(consumer.stdout().lines().toList());
            assertThat(shown).as("per unicorn and window, once, as recomputed from the raw readings").isEqualTo(expected);
            assertThat(shown.keySet()).anyMatch(k -> k.startsWith("Bucephalus@")).anyMatch(k -> k.startsWith("Shadowfax@"));
        }
    }

    @Test
    void aCrashAtEachPointOfAnEmitNeitherLosesNorRepeatsAWindow() throws Exception {
        String source = createStream();
        String destination = source + "-summary";
        Path state = dir.resolve("state-" + source);
        String[] args = {"-source", source, "-destination", destination, "-window", "2s", "-grace", "500ms", "-from", "trim-horizon",
            "-state", state.toString()};
        try (ScriptRun fleet = ScriptRun.start(env, "producer", "-stream", source, "-fleet", "6", "-rate", "5", "-duration", "16s")) {
            for (String point : List.of("after-state-write", "mid-put", "after-put")) {
                Map<String, String> halting = new HashMap<>(env);
                halting.put("WILDRYDES_AGGREGATE_HALT", point);
                try (ScriptRun run = ScriptRun.start(halting, "aggregate", args)) {
                    assertThat(run.awaitExit(40)).as(ScriptRunText.of(run)).isEqualTo(137);
                    assertThat(run.stderr()).contains("halting at " + point);
                }
            }
            try (ScriptRun killed = ScriptRun.start(env, "aggregate", args)) {
                Thread.sleep(3_000);
                assertThat(killed.alive()).as(ScriptRunText.of(killed)).isTrue();
                killed.kill();
            }
            try (ScriptRun last = ScriptRun.start(env, "aggregate", args)) {
                assertThat(fleet.awaitExit(60)).as(ScriptRunText.of(fleet)).isZero();
                awaitAll(source, destination, 2_000, 30, last);
                last.interrupt();
                assertThat(last.awaitExit(30)).as("Ctrl+C: " + ScriptRunText.of(last)).isIn(0, 130);
            }
        }
        Map<String, String> emitted = byWindow(destinationLines(destination));
        assertThat(emitted).isEqualTo(recompute(source, 2_000));
    }

    @Test
    void aQueryThatDoesNotFitIsExplainedInOneLineBeforeAnythingIsRead() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;
        Path state = dir.resolve("never-used");
        Map<List<String>, String> cases = Map.of(
                List.of("-sql", "SELECT Name, SUM(Distanse) FROM readings GROUP BY Name"), "Distanse\" not found in FROM clause",
                List.of("-sql", "SELECT Name FROM readings; DROP TABLE readings"), "must be one SELECT statement",
                List.of("-sql", "SELECT HealthPoints FROM readings", "-partition-key", "Unicorn"), "no column Unicorn for the partition key");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> all = new ArrayList<>(c.getKey());
            all.addAll(List.of("-endpoint", nowhere, "-state", state.toString()));
            try (ScriptRun run = ScriptRun.run(Map.of(), 60, "aggregate", all.toArray(String[]::new))) {
                assertThat(run.exitCode()).as(ScriptRunText.of(run)).isEqualTo(2);
                assertThat(run.stderr().strip().lines().toList()).as(ScriptRunText.of(run)).hasSize(1);
                assertThat(run.stderr()).startsWith("aggregate: the query does not fit: ").contains(c.getValue())
                        .doesNotContain("Nothing answers");
                if (c.getValue().contains("Distanse")) {
                    assertThat(run.stderr()).contains("(line 1, column ");
                }
            }
        }
        assertThat(Files.exists(state)).as("nothing was started").isFalse();
        try (ScriptRun help = ScriptRun.run(Map.of(), 60, "aggregate", "--help")) {
            assertThat(help.exitCode()).isZero();
            assertThat(help.stdout()).contains("Usage:").contains("SUM(Distance) AS Distance").contains("-sql-file")
                    .contains("-time").contains("-efo").contains("-state");
        }
    }

    /** A source stream with a few readings of two unicorns, put with the SDK. */
    static String sourceWithReadings(int count) throws Exception {
        String source = createStream();
        for (int i = 0; i < count; i++) {
            String name = i % 2 == 0 ? "Shadowfax" : "Bucephalus";
            String reading = "{\"Name\":\"" + name + "\",\"StatusTime\":\"2026-12-03 10:00:0" + i + ".000\",\"Latitude\":40.7,"
                    + "\"Longitude\":-73.9,\"Distance\":" + (100 + i) + ",\"MagicPoints\":" + (150 + i) + ",\"HealthPoints\":" + (140 + i) + "}";
            kinesis.putRecord(r -> r.streamName(source).partitionKey(name)
                    .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String(reading)));
        }
        return source;
    }

    @Test
    void aDeepButValidQueryRunsOnTheEnginesLargeStackInsteadOfCrashingTheJvm() throws Exception {
        String source = sourceWithReadings(4);
        String destination = source + "-deep";
        // DuckDB recurses on the native stack: 400 nested subqueries overflow the launcher's 512 KiB (a SIGSEGV, not an exception).
        String deep = "SELECT Name FROM " + "(SELECT Name FROM ".repeat(400) + "readings" + ") t".repeat(400);
        try (ScriptRun run = ScriptRun.run(env, 90, "aggregate", "-source", source, "-destination", destination, "-sql", deep,
                "-from", "trim-horizon", "-window", "1s", "-grace", "0s", "-timeout", "3s", "-state", dir.resolve("deep-" + source).toString())) {
            assertThat(run.exitCode()).as(ScriptRunText.of(run)).isZero();
        }
        assertThat(destinationLines(destination)).as("one row per reading, checked and then run over each window")
                .containsExactlyInAnyOrder("{\"Name\":\"Shadowfax\"}", "{\"Name\":\"Bucephalus\"}", "{\"Name\":\"Shadowfax\"}",
                        "{\"Name\":\"Bucephalus\"}");
    }

    @Test
    void readingThroughEnhancedFanOutGivesTheSameSummaries() throws Exception {
        String source = sourceWithReadings(6);
        String destination = source + "-efo";
        try (ScriptRun run = ScriptRun.run(env, 90, "aggregate", "-source", source, "-destination", destination, "-efo", "aggregate-efo",
                "-from", "trim-horizon", "-window", "1s", "-grace", "0s", "-timeout", "4s", "-state", dir.resolve("efo-" + source).toString())) {
            assertThat(run.exitCode()).as(ScriptRunText.of(run)).isZero();
            assertThat(run.stderr()).contains("aggregate-efo");
        }
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(kinesis.describeStreamSummary(d -> d.streamName(source))
                .streamDescriptionSummary().streamARN())).consumers()).extracting(c -> c.consumerName()).containsExactly("aggregate-efo");
        assertThat(byWindow(destinationLines(destination))).isEqualTo(recompute(source, 1_000));
    }

    @Test
    void theDemoRunsTheWholePipelineShowingTheSummariesAndPuttingThemIntoTheTable() throws Exception {
        Path data = dir.resolve("demo-data");
        try (ScriptRun demo = ScriptRun.start(Map.of(), "wildrydes", "demo", "-duration", "12s", "-port", "0", "-data-dir",
                data.toString(), "-window", "2s", "-format", "line")) {
            Pattern kinesisLine = Pattern.compile("Kinesis +(http://127\\.0\\.0\\.1:\\d+) ");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!kinesisLine.matcher(demo.stdout()).find()) {
                assertThat(System.nanoTime()).as("the demo's header: " + ScriptRunText.of(demo)).isLessThan(deadline);
                Thread.sleep(50);
            }
            Matcher url = kinesisLine.matcher(demo.stdout());
            assertThat(url.find()).isTrue();
            List<String> items = DemoTable.awaitItems(url.group(1), 2, 40, () -> ScriptRunText.of(demo));
            List<String> summaries = DemoTable.summaries(url.group(1));
            assertThat(summaries).as("each item is a summary of wildrydes-summary, unchanged").containsAll(items);
            assertThat(demo.awaitExit(60)).as(ScriptRunText.of(demo)).isZero();
            assertThat(demo.stdout()).contains("Summaries one per unicorn per 2 s (module 3) into wildrydes-summary")
                    .contains("Table     UnicornSensorData: each summary as an item")
                    .containsPattern("\\n=== \\d summar(y|ies) from wildrydes-summary ===\\n\\{\"Name\":\"(Bucephalus|Shadowfax)\",\"StatusTime\":"
                            + "\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.000\",\"Distance\":\\d+,\"MinMagicPoints\":\\d+,");
            assertThat(demo.stderr()).containsPattern("the aggregation emitted [1-9]\\d* windows?").contains("The data stays in the stream.")
                    .containsPattern("WildRydesStreamProcessor put the summaries into UnicornSensorData \\([1-9]\\d* invocations?, [1-9]");
        }
        assertThat(dir.resolve("process").resolve("WildRydesStreamProcessor").resolve("status.json"))
                .as("the function's status beside the data, for the console's Functions page").exists();
        assertThat(data.resolve("aggregate").resolve("wildrydes-to-wildrydes-summary").resolve("state")).as("kept with the demo's data")
                .exists();
        try (ScriptRun demo = ScriptRun.run(Map.of(), 90, "wildrydes", "demo", "-duration", "2s", "-port", "0", "-data-dir",
                dir.resolve("demo-plain").toString(), "-no-aggregate", "-no-process")) {
            assertThat(demo.exitCode()).as(ScriptRunText.of(demo)).isZero();
            assertThat(demo.stdout()).doesNotContain("Summaries").doesNotContain("===").doesNotContain("UnicornSensorData");
            assertThat(demo.stderr()).doesNotContain("aggregat").doesNotContain("process");
        }
    }

    /** A process's output for assertion messages. */
    static final class ScriptRunText {
        static String of(ScriptRun run) {
            return "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();
        }
    }
}
