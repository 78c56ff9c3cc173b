package bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.process.BuiltInFunction;
import wildrydes.lab.process.FunctionEvent;
import wildrydes.lab.process.InvocationResult;
import wildrydes.lab.process.Json;
import wildrydes.lab.process.LambdaFunction;
import wildrydes.lab.process.TableClient;
import wildrydes.lab.process.TableWriter;
import wildrydes.lab.process.mapping.EventSourceMapping;
import wildrydes.lab.process.mapping.MappingListener;
import wildrydes.lab.process.mapping.MappingSettings;
import wildrydes.lab.process.mapping.MappingState;
import wildrydes.lab.process.runtime.FunctionConfig;
import wildrydes.lab.process.runtime.FunctionRuntime;
import wildrydes.lab.process.runtime.RuntimeApiFunction;
import wildrydes.lab.tail.StartPosition;
import wildrydes.lab.tail.TailListener;

/**
 * Module 4's {@code process} under load, against a running server, printing one line of
 * {@code key=value} pairs for bench/run. Bounded in records and seconds.
 * <pre>
 * throughput --url U --function builtin|java --records N [--batch 100] [--max-s S]
 *            N summaries put first (PutRecords), then the mapping reads them from TRIM_HORIZON;
 *            records/s from the end of the first invocation (the Java function's start excluded) to the last
 * latency    --url U --rate R --seconds T [--max-s S]
 *            PutRecord at R/s while the mapping (LATEST, batch size 100) invokes the no-op Java function,
 *            which reports each record's delay from just before its PutRecord: p50/p99 ms
 * </pre>
 */
public final class ProcessBench {
    private ProcessBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        KinesisEndpoint endpoint = KinesisEndpoint.resolve(o.get("url"), "us-east-1", Map.of());
        try (KinesisClient kinesis = endpoint.client(); DynamoDbClient dynamo = TableClient.client(endpoint, URI.create(o.get("url")))) {
            String line = switch (args[0]) {
                case "throughput" -> throughput(kinesis, dynamo, o);
                case "latency" -> latency(kinesis, o);
                default -> throw new IllegalArgumentException("throughput or latency");
            };
            System.out.println(line);
        }
        System.exit(0);
    }

    private static String throughput(KinesisClient kinesis, DynamoDbClient dynamo, Map<String, String> o) throws Exception {
        int records = Integer.parseInt(o.getOrDefault("records", "20000"));
        String function = o.getOrDefault("function", "builtin");
        String stream = "process-" + function + "-" + System.nanoTime();
        createStream(kinesis, stream);
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String data = "{\"Name\":\"Unicorn-" + (i % 50) + "\",\"StatusTime\":\"2026-12-03 10:00:00." + i + "\",\"Distance\":" + (300 + i % 17)
                    + ",\"MinMagicPoints\":140,\"MaxMagicPoints\":150,\"MinHealthPoints\":130,\"MaxHealthPoints\":160}";
            batch.add(PutRecordsRequestEntry.builder().partitionKey("Unicorn-" + (i % 50)).data(SdkBytes.fromUtf8String(data)).build());
            if (batch.size() == 500 || i == records - 1) {
                List<PutRecordsRequestEntry> send = List.copyOf(batch);
                kinesis.putRecords(r -> r.streamName(stream).records(send));
                batch.clear();
            }
        }
        String table = "bench-" + stream;
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("Name").attributeType("S"), a -> a.attributeName("StatusTime").attributeType("S"))
                .keySchema(k -> k.attributeName("Name").keyType(KeyType.HASH), k -> k.attributeName("StatusTime").keyType(KeyType.RANGE)));
        while (dynamo.describeTable(r -> r.tableName(table)).table().tableStatusAsString().equals("CREATING")) {
            Thread.sleep(50);
        }
        LambdaFunction target = function.equals("builtin")
                ? new BuiltInFunction("WildRydesStreamProcessor", new TableWriter(dynamo, table, List.of("Name", "StatusTime")), Duration.ofSeconds(60))
                : javaNoop(o.get("url"));
        AtomicLong done = new AtomicLong();
        AtomicLong firstDoneNanos = new AtomicLong();
        AtomicLong firstBatch = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        LambdaFunction counting = counting(target, (event, result) -> {
            if (result.failed()) {
                if (errors.incrementAndGet() == 1) {
                    System.err.println("process bench: the function failed: " + result.payloadText());
                }
                return;
            }
            if (firstDoneNanos.compareAndSet(0, System.nanoTime())) {
                firstBatch.set(event.records().size());
            }
            done.addAndGet(event.records().size());
        });
        long maxNanos = Long.parseLong(o.getOrDefault("max-s", "300")) * 1_000_000_000L;
        MappingSettings settings = MappingSettings.defaults().withStart(StartPosition.TRIM_HORIZON)
                .withBatchSize(Integer.parseInt(o.getOrDefault("batch", "100")));
        long start = System.nanoTime();
        long end = runMapping(kinesis, stream, settings, counting, () -> done.get() >= records || System.nanoTime() - start > maxNanos);
        target.close();
        double seconds = (end - firstDoneNanos.get()) / 1e9;
        long measured = done.get() - firstBatch.get();
        return String.format(java.util.Locale.ROOT, "function=%s records=%d processed=%d errors=%d seconds=%.2f rps=%.0f", function, records,
                done.get(), errors.get(), seconds, seconds > 0 ? measured / seconds : 0);
    }

    private static String latency(KinesisClient kinesis, Map<String, String> o) throws Exception {
        int rate = Integer.parseInt(o.getOrDefault("rate", "100"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
        String stream = "process-latency-" + System.nanoTime();
        createStream(kinesis, stream);
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        LambdaFunction target = javaNoop(o.get("url"));
        AtomicBoolean warm = new AtomicBoolean();
        LambdaFunction measuring = counting(target, (event, result) -> {
            JsonNode answer = Json.parseOrNull(result.payload());
            warm.set(true);
            if (answer != null) {
                answer.path("delays").forEach(d -> delays.add(d.asLong()));
            }
        });
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        Thread producer = Thread.ofPlatform().start(() -> {
            // the function's JVM starts at the first invocation: warm-up records (again every 2 s, the first may
            // come before the mapping started reading) until the function answered
            while (!warm.get() && producing.get()) {
                kinesis.putRecord(r -> r.streamName(stream).partitionKey("warm-up").data(SdkBytes.fromUtf8String("warm-up")));
                for (int i = 0; i < 40 && !warm.get(); i++) {
                    sleep(50);
                }
            }
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            long until = next + seconds * 1_000_000_000L;
            while (producing.get() && System.nanoTime() < until) {
                long n = sent.incrementAndGet();
                String data = "t=" + System.currentTimeMillis() + " " + n;
                kinesis.putRecord(r -> r.streamName(stream).partitionKey("k" + (n % 64)).data(SdkBytes.fromUtf8String(data)));
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleep(wait / 1_000_000);
                }
            }
        });
        long maxNanos = Long.parseLong(o.getOrDefault("max-s", "120")) * 1_000_000_000L;
        long start = System.nanoTime();
        runMapping(kinesis, stream, MappingSettings.defaults(), measuring,
                () -> !producer.isAlive() && delays.size() >= sent.get() || System.nanoTime() - start > maxNanos);
        producing.set(false);
        producer.join();
        target.close();
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "measured=0 error=no_invocation";
        }
        return "sent=" + sent.get() + " measured=" + sorted.size() + " p50_ms=" + sorted.get(sorted.size() / 2) + " p99_ms="
                + sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) + " max_ms=" + sorted.getLast();
    }

    private interface Observer {
        void seen(FunctionEvent event, InvocationResult result);
    }

    private static LambdaFunction counting(LambdaFunction target, Observer observer) {
        return new LambdaFunction() {
            @Override
            public String name() {
                return target.name();
            }

            @Override
            public InvocationResult invoke(FunctionEvent event) throws InterruptedException {
                InvocationResult result = target.invoke(event);
                observer.seen(event, result);
                return result;
            }
        };
    }

    private static LambdaFunction javaNoop(String url) throws Exception {
        Path benchJar = Path.of(ProcessBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path work = Files.createTempDirectory("process-bench");
        return new RuntimeApiFunction(new FunctionConfig("Noop", FunctionRuntime.JAVA, "bench.NoopHandler::handleRequest", List.of(benchJar),
                null, null, Map.of(), Duration.ofSeconds(60), 1024, "us-east-1", "arn:aws:lambda:us-east-1:000000000000:function:Noop", url,
                List.of("bench", "bench"), work), new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    /** Runs the mapping until {@code until} holds; returns System.nanoTime() at that moment. */
    private static long runMapping(KinesisClient kinesis, String stream, MappingSettings settings, LambdaFunction function,
                                   java.util.function.BooleanSupplier until) throws Exception {
        Path state = Files.createTempDirectory("process-bench-state").resolve("mapping.state");
        String arn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        AtomicBoolean stop = new AtomicBoolean();
        try (MappingState mappingState = MappingState.open(state, stream, Instant.now())) {
            EventSourceMapping mapping = new EventSourceMapping(kinesis, stream, settings, function,
                    new FunctionEvent.Source(arn, "us-east-1", "arn:aws:iam::000000000000:role/bench"),
                    "arn:aws:lambda:us-east-1:000000000000:function:" + function.name(), null, mappingState, new MappingListener() { },
                    new TailListener() { }, stop);
            Thread thread = Thread.ofPlatform().start(() -> mapping.run(stop));
            while (!until.getAsBoolean()) {
                Thread.sleep(5);
            }
            long end = System.nanoTime();
            stop.set(true);
            thread.join();
            return end;
        }
    }

    private static void createStream(KinesisClient kinesis, String stream) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            Thread.sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
