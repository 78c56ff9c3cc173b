package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.process.HandlerJar;

/**
 * Module 4 end to end as real processes: the server ({@code ./wildrydes server}), producers
 * ({@code ./producer}), the per-minute summaries on wildrydes-summary, and {@code ./process}
 * with the built-in function, a Java handler jar and the workshop's Node.js function, each
 * leaving one item per unicorn per minute in its table, read back with {@code aws dynamodb
 * query}; and {@code ./process} killed with SIGKILL in the middle of a batch, then restarted,
 * losing no record and repeating only the batch that was in flight.
 *
 * <p>Module 3's {@code aggregate} is on another branch: until it is merged, this test computes
 * the summaries from the producers' readings itself (per unicorn and minute of arrival: the sum
 * of Distance, the minimum and maximum of MagicPoints and HealthPoints) and puts them on
 * wildrydes-summary with the SDK.
 */
class ProcessScriptsIT {
    private static final Pattern ENDPOINT = Pattern.compile("Kinesis endpoint (http://127\\.0\\.0\\.1:\\d+) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:00.000").withZone(ZoneOffset.UTC);

    @TempDir
    static Path dir;

    static ScriptRun server;
    static String endpoint;
    static Map<String, String> env;
    static KinesisClient kinesis;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void startServer() throws Exception {
        server = ScriptRun.start(Map.of(), "wildrydes", "server", "--port", "0", "--no-tls", "--state-change-ms", "50",
                "--data-dir", dir.resolve("data").toString());
        await(() -> ENDPOINT.matcher(server.stdout()).find(), 60, () -> "the server's endpoint line: " + server.stdout() + server.stderr());
        Matcher m = ENDPOINT.matcher(server.stdout());
        assertThat(m.find()).isTrue();
        endpoint = m.group(1);
        env = Map.of("AWS_ENDPOINT_URL_KINESIS", endpoint);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        kinesis = KinesisClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        kinesis.close();
        dynamo.close();
        server.interrupt();
        server.awaitExit(30);
        server.close();
    }

    static void await(BooleanSupplier condition, long seconds, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s in vain for " + what.get());
            }
            Thread.sleep(50);
        }
    }

    static void createStream(String name) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(name).shardCount(1));
        await(() -> kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE,
                20, () -> name + " ACTIVE");
    }

    static List<Record> readAll(String stream) {
        List<Record> all = new ArrayList<>();
        String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (true) {
            String current = it;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            all.addAll(page.records());
            if (page.records().isEmpty()) {
                return all;
            }
            it = page.nextShardIterator();
        }
    }

    /** Module 3's summaries of the readings on the raw stream: per unicorn and minute of arrival. */
    static List<String> summarize(List<Record> readings) throws Exception {
        Map<String, long[]> groups = new TreeMap<>();
        for (Record record : readings) {
            JsonNode reading = JSON.readTree(record.data().asUtf8String());
            String key = reading.get("Name").asText() + "|" + MINUTE.format(record.approximateArrivalTimestamp());
            long[] g = groups.computeIfAbsent(key, k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE});
            g[0] += reading.get("Distance").asLong();
            g[1] = Math.min(g[1], reading.get("MagicPoints").asLong());
            g[2] = Math.max(g[2], reading.get("MagicPoints").asLong());
            g[3] = Math.min(g[3], reading.get("HealthPoints").asLong());
            g[4] = Math.max(g[4], reading.get("HealthPoints").asLong());
        }
        List<String> summaries = new ArrayList<>();
        groups.forEach((key, g) -> summaries.add("{\"Name\":\"" + key.split("\\|")[0] + "\",\"StatusTime\":\"" + key.split("\\|")[1]
                + "\",\"Distance\":" + g[0] + ",\"MinMagicPoints\":" + g[1] + ",\"MaxMagicPoints\":" + g[2] + ",\"MinHealthPoints\":"
                + g[3] + ",\"MaxHealthPoints\":" + g[4] + "}"));
        return summaries;
    }

    static void putAll(String stream, List<String> summaries) {
        for (String summary : summaries) {
            String name = summary.substring(9, summary.indexOf('"', 9));
            kinesis.putRecord(r -> r.streamName(stream).partitionKey(name).data(SdkBytes.fromUtf8String(summary)));
        }
    }

    static int items(String table) {
        try {
            return dynamo.scan(r -> r.tableName(table).select("COUNT")).count();
        } catch (ResourceNotFoundException notYet) {
            return 0;
        }
    }

    /** {@code aws dynamodb query} for one unicorn, as the learner checks the table: the items in DynamoDB JSON. */
    static List<JsonNode> queryWithTheCli(String table, String unicorn) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/aws", "--endpoint-url", endpoint, "--output", "json", "dynamodb", "query",
                "--table-name", table, "--key-condition-expression", "#n = :n", "--expression-attribute-names", "{\"#n\":\"Name\"}",
                "--expression-attribute-values", "{\":n\":{\"S\":\"" + unicorn + "\"}}");
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_PAGER", ""));
        builder.redirectErrorStream(true);
        Process cli = builder.start();
        byte[] out = cli.getInputStream().readAllBytes();
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(out).path("Items").forEach(items::add);
        return items;
    }

    /** Every summary is in the table, read with the CLI, with its numbers as N and its strings as S. */
    static void assertTableHolds(String table, List<String> summaries) throws Exception {
        Map<String, List<String>> byUnicorn = new HashMap<>();
        for (String summary : summaries) {
            byUnicorn.computeIfAbsent(JSON.readTree(summary).get("Name").asText(), k -> new ArrayList<>()).add(summary);
        }
        for (var entry : byUnicorn.entrySet()) {
            List<JsonNode> items = queryWithTheCli(table, entry.getKey());
            List<String> expected = new ArrayList<>();
            for (String summary : entry.getValue()) {
                var item = JSON.createObjectNode();
                JSON.readTree(summary).fields().forEachRemaining(f -> item.putObject(f.getKey())
                        .put(f.getValue().isNumber() ? "N" : "S", f.getValue().asText()));
                expected.add(JSON.writeValueAsString(sorted(item)));
            }
            assertThat(items.stream().map(i -> {
                try {
                    return JSON.writeValueAsString(sorted(i));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList()).as("items of %s", entry.getKey()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static JsonNode sorted(JsonNode item) {
        var out = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        item.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(n -> out.set(n, item.get(n)));
        return out;
    }

    static String get(String path) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(endpoint + path))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(ScriptRun run) {
        return "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();
    }

    @Test
    void theBuiltInFunctionWritesOneItemPerUnicornPerMinuteEqualToTheSummaries() throws Exception {
        createStream("wildrydes");
        createStream("wildrydes-summary");
        Path stateDir = dir.resolve("process").resolve("WildRydesStreamProcessor"); // beside the server's data directory
        try (ScriptRun process = ScriptRun.start(env, "process", "-state-dir", stateDir.toString())) {
            await(() -> process.stderr().contains("reading shardId-000000000000"), 60, () -> describe(process));
            assertThat(process.stderr()).contains("table UnicornSensorData does not exist; creating it");
            try (ScriptRun shadowfax = ScriptRun.start(env, "producer", "-count", "4", "-rate", "4");
                 ScriptRun bucephalus = ScriptRun.start(env, "producer", "-count", "4", "-rate", "4", "-name", "Bucephalus")) {
                assertThat(shadowfax.awaitExit(60)).as(describe(shadowfax)).isZero();
                assertThat(bucephalus.awaitExit(60)).as(describe(bucephalus)).isZero();
            }
            List<String> summaries = summarize(readAll("wildrydes"));
            assertThat(summaries.size()).isBetween(2, 4);
            putAll("wildrydes-summary", summaries);
            await(() -> items("UnicornSensorData") == summaries.size(), 60, () -> describe(process));
            await(() -> get("/metrics").contains("lambda_records_total{function=\"WildRydesStreamProcessor\",stream=\"wildrydes-summary\"} "
                    + summaries.size()), 30, () -> "the function's metrics in /metrics: " + get("/metrics"));
            assertThat(get("/metrics")).contains("lambda_function_running{function=\"WildRydesStreamProcessor\",stream=\"wildrydes-summary\"} 1")
                    .contains("lambda_errors_total{function=\"WildRydesStreamProcessor\",stream=\"wildrydes-summary\"} 0");
            JsonNode console = JSON.readTree(get("/console/api/functions")).path("functions").get(0);
            assertThat(console.path("function").asText()).isEqualTo("WildRydesStreamProcessor");
            assertThat(console.path("running").asBoolean()).isTrue();
            assertThat(console.path("series").path("invocations").size()).isEqualTo(60);
            long invoked = 0;
            for (JsonNode n : console.path("series").path("invocations")) {
                invoked += n.asLong();
            }
            assertThat(invoked).isPositive();
            process.interrupt();
            assertThat(process.awaitExit(30)).as("Ctrl+C: " + describe(process)).isEqualTo(130);
            assertThat(process.stderr()).contains("-> WildRydesStreamProcessor in ").contains("Delivered");
            assertTableHolds("UnicornSensorData", summaries);
        }
        JsonNode status = JSON.readTree(stateDir.resolve("status.json").toFile());
        assertThat(status.path("function").asText()).isEqualTo("WildRydesStreamProcessor");
        assertThat(status.path("running").asBoolean()).isFalse();
        assertThat(status.path("totals").path("records").asLong()).isPositive();
        assertThat(status.path("minutes").get(0).path("invocations").asLong()).isPositive();
    }

    @Test
    void aJavaHandlerJarAndTheWorkshopsNodeFunctionWriteTheSameItems() throws Exception {
        List<String> unicorns = List.of("Shadowfax", "Bucephalus", "Rocinante");
        List<String> summaries = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            for (int u = 0; u < unicorns.size(); u++) {
                summaries.add("{\"Name\":\"" + unicorns.get(u) + "\",\"StatusTime\":\"2026-12-03 10:0" + minute + ":00.000\",\"Distance\":"
                        + (3000 + minute * 10 + u) + ",\"MinMagicPoints\":140,\"MaxMagicPoints\":" + (150 + u)
                        + ",\"MinHealthPoints\":130,\"MaxHealthPoints\":" + (160 + minute) + "}");
            }
        }
        Path jar = HandlerJar.build(dir.resolve("java-handler"));
        List<String> classpath = new ArrayList<>(List.of(jar.toString()));
        HandlerJar.dependencies().forEach(p -> classpath.add(p.toString()));
        Path node = HandlerJar.nodeFunction(dir);
        Map<String, List<String>> runtimes = Map.of(
                "java", List.of("-runtime", "java", "-handler", HandlerJar.HANDLER, "-classpath", String.join(File.pathSeparator, classpath),
                        "-memory", "512"),
                "nodejs", List.of("-runtime", "nodejs", "-handler", "index.handler", "-code", node.toString()));
        for (var runtime : runtimes.entrySet()) {
            String stream = "summary-" + runtime.getKey();
            String table = "UnicornSensorData-" + runtime.getKey();
            createStream(stream);
            putAll(stream, summaries);
            List<String> args = new ArrayList<>(runtime.getValue());
            args.addAll(List.of("-stream", stream, "-table", table, "-starting-position", "TRIM_HORIZON", "-batch-size", "10",
                    "-state-dir", dir.resolve("state-" + runtime.getKey()).toString()));
            try (ScriptRun process = ScriptRun.start(env, "process", args.toArray(String[]::new))) {
                await(() -> items(table) == summaries.size(), 90, () -> describe(process));
                await(() -> process.stderr().contains("Delivered"), 30, () -> describe(process));
                process.interrupt();
                assertThat(process.awaitExit(30)).as("Ctrl+C: " + describe(process)).isEqualTo(130);
                assertThat(process.stderr()).as(describe(process)).contains(runtime.getKey() + " function WildRydesStreamProcessor")
                        .doesNotContain("failed:");
            }
            assertTableHolds(table, summaries);
        }
    }

    @Test
    void killedWithSigkillMidBatchItLosesNothingAndRepeatsOnlyTheBatchInFlight() throws Exception {
        createStream("kill9");
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String data = "record-" + i;
            sequences.add(kinesis.putRecord(r -> r.streamName("kill9").partitionKey("k").data(SdkBytes.fromUtf8String(data))).sequenceNumber());
        }
        Path code = dir.resolve("kill9-function");
        Path bootstrap = wildrydes.lab.process.runtime.CurlBootstrapFile.write(code);
        Path log = code.resolve("events.log");
        String[] args = {"-runtime", "provided", "-bootstrap", bootstrap.toString(), "-env", "MODE=log", "-env", "SLEEP=0.3",
                "-env", "EVENT_LOG=" + log, "-stream", "kill9", "-table", "UnicornSensorData-kill9", "-starting-position", "TRIM_HORIZON", "-batch-size", "5",
                "-state-dir", dir.resolve("state-kill9").toString()};
        try (ScriptRun first = ScriptRun.start(env, "process", args)) {
            await(() -> lines(log).size() >= 3, 60, () -> describe(first));
            first.kill();
        }
        try (ScriptRun second = ScriptRun.start(env, "process", args)) {
            await(() -> seen(log).keySet().containsAll(sequences), 60, () -> describe(second));
            second.interrupt();
            assertThat(second.awaitExit(30)).as("Ctrl+C: " + describe(second)).isEqualTo(130);
            assertThat(second.stderr()).contains("resuming from");
        }
        Map<String, Integer> seen = seen(log);
        assertThat(seen.keySet()).as("no record lost").containsAll(sequences);
        List<String> repeated = sequences.stream().filter(s -> seen.get(s) > 1).toList();
        assertThat(repeated.size()).as("only the batch in flight is repeated: " + repeated).isLessThanOrEqualTo(5);
        if (!repeated.isEmpty()) {
            int first = sequences.indexOf(repeated.getFirst());
            assertThat(repeated).as("one contiguous batch").isEqualTo(sequences.subList(first, first + repeated.size()));
            assertThat(seen.values()).allMatch(n -> n <= 2);
        }
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** How often each sequence number was handed to the function, from its event log. */
    private static Map<String, Integer> seen(Path log) {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : lines(log)) {
            try {
                JSON.readTree(line).path("Records").forEach(r -> counts.merge(r.path("kinesis").path("sequenceNumber").asText(), 1,
                        Integer::sum));
            } catch (java.io.IOException partial) {
                // a line being written
            }
        }
        return counts;
    }

}
