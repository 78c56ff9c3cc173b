package wildrydes.lab.process;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.lab.process.MappingRun.await;
import static wildrydes.lab.process.ScriptedFunction.datas;
import static wildrydes.lab.process.ScriptedFunction.error;
import static wildrydes.lab.process.ScriptedFunction.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.process.mapping.FailureDestination;
import wildrydes.lab.process.mapping.MappingListener;
import wildrydes.lab.process.mapping.MappingSettings;
import wildrydes.lab.tail.StartPosition;

/**
 * The event source mapping's rules against the server in process, with a function whose answers
 * the test scripts: the event's shape, batching and order, bisection, partial batch responses,
 * retries up to the limit and the on-failure destination, tumbling windows, and resuming from
 * the durable state.
 */
class EventSourceMappingTest {
    static LocalServer local;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        local = new LocalServer();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    static MappingSettings fromTrimHorizon(int batchSize) {
        return MappingSettings.defaults().withStart(StartPosition.TRIM_HORIZON).withBatchSize(batchSize);
    }

    static List<String> putNumbered(String stream, int count) {
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sequences.add(local.put(stream, "key-" + (i % 3), "record-" + i));
        }
        return sequences;
    }

    @Test
    void deliversEveryRecordInOrderInBatchesOfTheBatchSizeAsTheCloudsEvent() throws Exception {
        local.createStream("shape", 1);
        List<String> sequences = putNumbered("shape", 25);
        ScriptedFunction function = new ScriptedFunction(event -> ok("\"Delivered\""));
        try (MappingRun run = new MappingRun(local, "shape", fromTrimHorizon(10), function, null, dir.resolve("state"),
                new MappingListener() { })) {
            await(() -> function.events.stream().mapToInt(e -> e.path("Records").size()).sum() >= 25, 20, "25 records invoked");
        }
        List<String> seen = new ArrayList<>();
        for (JsonNode event : function.events) {
            assertThat(event.path("Records").size()).isBetween(1, 10);
            assertThat(event.has("window")).isFalse();
            seen.addAll(datas(event));
        }
        assertThat(seen).hasSize(25).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(i -> "record-" + i).toList());
        JsonNode record = function.events.getFirst().path("Records").get(0);
        String arn = local.kinesis.describeStreamSummary(r -> r.streamName("shape")).streamDescriptionSummary().streamARN();
        assertThat(record.fieldNames()).toIterable().containsExactly("kinesis", "eventSource", "eventVersion", "eventID", "eventName",
                "invokeIdentityArn", "awsRegion", "eventSourceARN");
        assertThat(record.path("kinesis").fieldNames()).toIterable().containsExactly("kinesisSchemaVersion", "partitionKey",
                "sequenceNumber", "data", "approximateArrivalTimestamp");
        assertThat(record.path("kinesis").path("kinesisSchemaVersion").asText()).isEqualTo("1.0");
        assertThat(record.path("kinesis").path("partitionKey").asText()).isEqualTo("key-0");
        assertThat(record.path("kinesis").path("sequenceNumber").asText()).isEqualTo(sequences.getFirst());
        assertThat(record.path("kinesis").path("data").asText()).isEqualTo("cmVjb3JkLTA="); // base64 of record-0
        JsonNode arrival = record.path("kinesis").path("approximateArrivalTimestamp");
        assertThat(arrival.isNumber()).isTrue();
        assertThat(arrival.asDouble()).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:kinesis");
        assertThat(record.path("eventVersion").asText()).isEqualTo("1.0");
        assertThat(record.path("eventID").asText()).isEqualTo("shardId-000000000000:" + sequences.getFirst());
        assertThat(record.path("eventName").asText()).isEqualTo("aws:kinesis:record");
        assertThat(record.path("invokeIdentityArn").asText()).isEqualTo("arn:aws:iam::000000000000:role/testRole");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo(arn).startsWith("arn:aws:kinesis:us-east-1:000000000000:stream/shape");
    }

    @Test
    void aPoisonRecordIsIsolatedByBisectionAndItsMetadataGoesToTheFileDestination() throws Exception {
        local.createStream("poison", 1);
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sequences.add(local.put("poison", "k", i == 6 ? "poison" : "record-" + i));
        }
        ScriptedFunction function = new ScriptedFunction(event -> datas(event).contains("poison")
                ? error("Error", "cannot digest poison") : ok("null"));
        Path failures = dir.resolve("failures.jsonl");
        List<String> bisections = new ArrayList<>();
        MappingListener listener = new MappingListener() {
            @Override
            public void bisected(String shardId, int size) {
                bisections.add(shardId + ":" + size);
            }
        };
        MappingSettings settings = fromTrimHorizon(10).withErrorHandling(true, false).withRetries(1, -1);
        try (MappingRun run = new MappingRun(local, "poison", settings, function, FailureDestination.parse("file:" + failures, null),
                dir.resolve("state"), listener)) {
            await(() -> Files.exists(failures) && succeeded(function).size() == 9, 30, "the 9 good records processed, the poison discarded");
        }
        assertThat(succeeded(function)).as("every good record succeeded once").hasSize(9).doesNotHaveDuplicates().doesNotContain("poison");
        assertThat(bisections).as("10 -> 5+5 -> the 5 with the poison -> 2+3 -> 1+1").containsExactly("shardId-000000000000:10",
                "shardId-000000000000:5", "shardId-000000000000:2");
        long poisonInvocations = function.events.stream().filter(e -> datas(e).equals(List.of("poison"))).count();
        assertThat(poisonInvocations).as("the poison alone: once, then 1 retry").isEqualTo(2);
        List<String> lines = Files.readAllLines(failures);
        assertThat(lines).hasSize(1);
        JsonNode document = Json.MAPPER.readTree(lines.getFirst());
        assertThat(document.fieldNames()).toIterable().containsExactly("requestContext", "responseContext", "version", "timestamp",
                "KinesisBatchInfo");
        assertThat(document.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(document.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(document.path("requestContext").path("functionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:scripted");
        assertThat(document.path("responseContext").toString())
                .isEqualTo("{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}");
        assertThat(document.path("version").asText()).isEqualTo("1.0");
        assertThat(document.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode info = document.path("KinesisBatchInfo");
        assertThat(info.fieldNames()).toIterable().containsExactly("shardId", "startSequenceNumber", "endSequenceNumber",
                "approximateArrivalOfFirstRecord", "approximateArrivalOfLastRecord", "batchSize", "streamArn");
        assertThat(info.path("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(info.path("startSequenceNumber").asText()).isEqualTo(sequences.get(6));
        assertThat(info.path("endSequenceNumber").asText()).isEqualTo(sequences.get(6));
        assertThat(info.path("batchSize").asInt()).isEqualTo(1);
        assertThat(info.path("approximateArrivalOfFirstRecord").asText()).matches(".*T.*\\.\\d{3}Z");
        assertThat(info.path("streamArn").asText()).endsWith(":stream/poison");
    }

    /** The records of invocations that succeeded. */
    private static List<String> succeeded(ScriptedFunction function) {
        List<String> out = new ArrayList<>();
        function.events.stream().filter(e -> !datas(e).contains("poison")).forEach(e -> out.addAll(datas(e)));
        return out;
    }

    @Test
    void aPartialBatchResponseRetriesFromTheLowestFailedSequenceNumberOnly() throws Exception {
        local.createStream("partial", 1);
        List<String> sequences = putNumbered("partial", 10);
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        ScriptedFunction function = new ScriptedFunction(event -> {
            List<String> failed = new ArrayList<>();
            for (JsonNode record : event.path("Records")) {
                String data = ScriptedFunction.data(record);
                if ((data.equals("record-7") || data.equals("record-4")) && failedOnce.add(data)) {
                    failed.add("{\"itemIdentifier\":\"" + record.path("kinesis").path("sequenceNumber").asText() + "\"}");
                }
            }
            return ok("{\"batchItemFailures\":[" + String.join(",", failed) + "]}");
        });
        MappingSettings settings = fromTrimHorizon(10).withErrorHandling(false, true);
        try (MappingRun run = new MappingRun(local, "partial", settings, function, null, dir.resolve("state"), new MappingListener() { })) {
            await(() -> function.events.size() >= 2, 20, "a second invocation");
            Thread.sleep(500);
        }
        assertThat(function.events).hasSize(2);
        assertThat(datas(function.events.get(0))).hasSize(10);
        assertThat(datas(function.events.get(1))).as("retried from record-4, the lowest failed one, to the end")
                .containsExactly("record-4", "record-5", "record-6", "record-7", "record-8", "record-9");
        assertThat(function.events.get(1).path("Records").get(0).path("kinesis").path("sequenceNumber").asText()).isEqualTo(sequences.get(4));
    }

    @Test
    void anInvalidItemIdentifierFailsTheWholeBatch() throws Exception {
        local.createStream("invalid-id", 1);
        putNumbered("invalid-id", 4);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(event -> calls.incrementAndGet() == 1
                ? ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}") : ok("{\"batchItemFailures\":[]}"));
        MappingSettings settings = fromTrimHorizon(10).withErrorHandling(false, true);
        try (MappingRun run = new MappingRun(local, "invalid-id", settings, function, null, dir.resolve("state"), new MappingListener() { })) {
            await(() -> function.events.size() >= 2, 20, "a retry");
            Thread.sleep(300);
        }
        assertThat(function.events).hasSize(2);
        assertThat(datas(function.events.get(1))).as("an empty itemIdentifier: the whole batch again").hasSize(4);
    }

    @Test
    void retriesStopAtTheLimitAndTheFailedBatchGoesToAStreamThenProcessingGoesOn() throws Exception {
        local.createStream("always-fails", 1);
        local.createStream("failures", 1);
        putNumbered("always-fails", 3);
        AtomicInteger calls = new AtomicInteger();
        ScriptedFunction function = new ScriptedFunction(event -> datas(event).contains("after")
                ? ok("null") : error("Error", "fails " + calls.incrementAndGet()));
        MappingSettings settings = fromTrimHorizon(10).withRetries(2, -1);
        try (MappingRun run = new MappingRun(local, "always-fails", settings, function,
                FailureDestination.parse("kinesis:failures", local.kinesis), dir.resolve("state"), new MappingListener() { })) {
            await(() -> !local.readAll("failures").isEmpty(), 20, "a record on the failure stream");
            local.put("always-fails", "k", "after");
            await(() -> function.events.stream().anyMatch(e -> datas(e).contains("after")), 20, "the next record processed");
        }
        assertThat(calls.get()).as("1 invocation + 2 retries").isEqualTo(3);
        JsonNode document = Json.MAPPER.readTree(local.readAll("failures").getFirst());
        assertThat(document.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(document.path("KinesisBatchInfo").path("batchSize").asInt()).isEqualTo(3);
        assertThat(document.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
    }

    @Test
    void aTumblingWindowPassesStateBetweenInvocationsAndEndsWithAFinalInvoke() throws Exception {
        local.createStream("windows", 1);
        ScriptedFunction function = new ScriptedFunction(event -> {
            int count = event.path("state").path("count").asInt(0) + event.path("Records").size();
            return ok("{\"state\":{\"count\":" + count + "}}");
        });
        MappingSettings settings = fromTrimHorizon(2).withTumblingWindow(2);
        try (MappingRun run = new MappingRun(local, "windows", settings, function, null, dir.resolve("state"), new MappingListener() { })) {
            putNumbered("windows", 5);
            await(() -> finals(function).stream().mapToInt(e -> e.path("state").path("count").asInt()).sum() == 5, 20,
                    "final invokes whose states add up to the 5 records");
        }
        for (JsonNode event : function.events) {
            assertThat(event.fieldNames()).toIterable().containsExactly("Records", "window", "state", "shardId", "eventSourceARN",
                    "isFinalInvokeForWindow", "isWindowTerminatedEarly");
            assertThat(event.path("shardId").asText()).isEqualTo("shardId-000000000000");
            assertThat(event.path("isWindowTerminatedEarly").asBoolean()).isFalse();
            java.time.Instant start = java.time.Instant.parse(event.path("window").path("start").asText());
            assertThat(java.time.Instant.parse(event.path("window").path("end").asText())).isEqualTo(start.plusSeconds(2));
            assertThat(start.getEpochSecond() % 2).as("windows aligned on the epoch").isZero();
        }
        for (JsonNode last : finals(function)) {
            assertThat(last.path("Records").size()).isZero();
        }
        assertThat(function.events.getFirst().path("state").toString()).as("a window starts with an empty state").isEqualTo("{}");
    }

    private static List<JsonNode> finals(ScriptedFunction function) {
        return function.events.stream().filter(e -> e.path("isFinalInvokeForWindow").asBoolean()).toList();
    }

    @Test
    void aRestartResumesAfterTheLastCompletedBatchAndFromTheFirstStartForUnreadShards() throws Exception {
        local.createStream("resume", 1);
        Path state = dir.resolve("state");
        ScriptedFunction first = new ScriptedFunction(event -> ok("null"));
        try (MappingRun run = new MappingRun(local, "resume", MappingSettings.defaults().withBatchSize(5), first, null, state,
                new MappingListener() { })) {
            Thread.sleep(1500); // LATEST: positioned, nothing read yet
        }
        putNumbered("resume", 7); // while stopped: a LATEST restart would skip these
        ScriptedFunction second = new ScriptedFunction(event -> ok("null"));
        try (MappingRun run = new MappingRun(local, "resume", MappingSettings.defaults().withBatchSize(5), second, null, state,
                new MappingListener() { })) {
            await(() -> second.events.stream().mapToInt(e -> e.path("Records").size()).sum() >= 7, 20, "7 records after the restart");
        }
        local.put("resume", "k", "later");
        ScriptedFunction third = new ScriptedFunction(event -> ok("null"));
        try (MappingRun run = new MappingRun(local, "resume", MappingSettings.defaults().withBatchSize(5), third, null, state,
                new MappingListener() { })) {
            await(() -> !third.events.isEmpty(), 20, "the record put while stopped");
            Thread.sleep(500);
        }
        assertThat(first.events).isEmpty();
        assertThat(second.events.stream().flatMap(e -> datas(e).stream()).toList()).hasSize(7);
        assertThat(third.events.stream().flatMap(e -> datas(e).stream()).toList()).as("nothing twice").containsExactly("later");
    }

    @Test
    void recordsOlderThanTheMaximumRecordAgeAreDiscardedUninvokedToTheDestination() throws Exception {
        local.createStream("old-records", 1);
        putNumbered("old-records", 3);
        ScriptedFunction function = new ScriptedFunction(event -> ok("null"));
        Path failures = dir.resolve("aged.jsonl");
        java.time.Clock twoMinutesLater = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(2));
        try (MappingRun run = new MappingRun(local, "old-records", fromTrimHorizon(10).withRetries(-1, 60), function,
                FailureDestination.parse("file:" + failures, null), dir.resolve("state"), new MappingListener() { }, twoMinutesLater)) {
            await(() -> Files.exists(failures), 20, "the discarded batch's metadata");
            Thread.sleep(300);
        }
        assertThat(function.events).as("records past their age are not sent to the function").isEmpty();
        JsonNode document = Json.MAPPER.readTree(Files.readAllLines(failures).getFirst());
        assertThat(document.path("requestContext").path("condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(document.path("requestContext").path("approximateInvokeCount").asInt()).isZero();
        assertThat(document.path("KinesisBatchInfo").path("batchSize").asInt()).isEqualTo(3);
    }

    @Test
    void aBatchWhoseFunctionProcessCrashedIsRetriedOnANewProcessAndNothingIsLost() throws Exception {
        local.createStream("crash", 1);
        putNumbered("crash", 6);
        Path code = dir.resolve("crash-function");
        Path bootstrap = wildrydes.lab.process.runtime.CurlBootstrapFile.write(code);
        Path log = code.resolve("events.log");
        String script = java.nio.file.Files.readString(bootstrap).replace("log)\n", "log)\n                  if [ ! -e crashed-log ]; then touch crashed-log; exit 3; fi\n");
        java.nio.file.Files.writeString(bootstrap, script);
        List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        MappingListener listener = new MappingListener() {
            @Override
            public void invoked(String shardId, List<wildrydes.lab.tail.TailRecord> batch, InvocationResult result, long age, String outcome) {
                outcomes.add(result.failed() ? result.errorType() : "ok");
            }
        };
        var config = new wildrydes.lab.process.runtime.FunctionConfig("Crashy", wildrydes.lab.process.runtime.FunctionRuntime.PROVIDED,
                "h", List.of(), null, bootstrap, java.util.Map.of("MODE", "log", "EVENT_LOG", log.toString()), Duration.ofSeconds(30), 128,
                "us-east-1", "arn:aws:lambda:us-east-1:000000000000:function:Crashy", null, List.of("a", "b"), dir.resolve("work"));
        try (var function = new wildrydes.lab.process.runtime.RuntimeApiFunction(config, System.err);
             MappingRun run = new MappingRun(local, "crash", fromTrimHorizon(10), function, null, dir.resolve("state"), listener)) {
            await(() -> outcomes.contains("ok"), 30, "a successful retry");
        }
        assertThat(outcomes).containsExactly("Runtime.ExitError", "ok");
        List<String> delivered = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            delivered.addAll(datas(Json.MAPPER.readTree(line)));
        }
        assertThat(delivered).containsExactly("record-0", "record-1", "record-2", "record-3", "record-4", "record-5");
    }

    @Test
    void settingsOutsideLambdasRangesAreRefusedWithTheOptionAndTheRange() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MappingSettings.defaults().withBatchSize(0))
                .hasMessage("-batch-size must be 1 to 10000 (Lambda's BatchSize for Kinesis), not 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MappingSettings.defaults().withRetries(-1, 59))
                .hasMessage("-maximum-record-age must be -1 (no limit) or 60 to 604800 seconds, not 59");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MappingSettings.defaults().withBatchWindow(Duration.ofSeconds(301)))
                .hasMessageStartingWith("-batch-window must be 0 to 300 seconds");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MappingSettings.defaults().withRetries(10_001, -1))
                .hasMessageStartingWith("-maximum-retry-attempts must be -1");
    }
}
