package wildrydes.lab.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import wildrydes.lab.kpl.KplAggregate;
import wildrydes.lab.kpl.KplRecords;

/** What a sink sees from a StreamTail against the server: order, positions, aggregates, back-pressure, ends, failures. */
class StreamTailTest {
    @TempDir
    Path dir;

    /** Collects batches and shard ends in the order they happen. */
    static class Collector implements RecordSink {
        final List<Object> events = Collections.synchronizedList(new ArrayList<>());
        final List<TailRecord> records = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void deliver(RecordBatch batch) throws Exception {
            events.add(batch);
            records.addAll(batch.records());
        }

        @Override
        public void shardEnded(ShardEnd end) {
            events.add(end);
        }

        List<String> data() {
            synchronized (records) {
                return records.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
            }
        }
    }

    /** Runs the tail on a thread of its own until {@code done} holds (or 30 s pass); returns what run() threw. */
    static Throwable runUntil(StreamTail tail, AtomicBoolean stop, java.util.function.BooleanSupplier done) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                tail.run(stop);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean() && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.set(true);
        assertThat(thread.join(Duration.ofSeconds(20))).as("the tail stopped").isTrue();
        return failure[0];
    }

    static String putTo(LocalKinesis local, String stream, Shard shard, String data) {
        return local.kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").explicitHashKey(shard.hashKeyRange().startingHashKey())
                .data(SdkBytes.fromUtf8String(data))).sequenceNumber();
    }

    @Test
    void deliversEveryShardInOrderWithPositionsProgressAndACheckpoint() throws Exception {
        try (LocalKinesis local = LocalKinesis.start()) {
            local.createStream("s", 3);
            List<Shard> shards = local.openShards("s");
            Map<String, List<String>> sequences = new ConcurrentHashMap<>();
            for (int i = 0; i < 30; i++) {
                Shard shard = shards.get(i % 3);
                sequences.computeIfAbsent(shard.shardId(), id -> new ArrayList<>()).add(putTo(local, "s", shard, "r" + i));
            }
            Collector sink = new Collector();
            AtomicInteger reads = new AtomicInteger();
            StreamTail tail = StreamTail.builder(local.kinesis, "s").from(StartPosition.TRIM_HORIZON).recordsPerRead(4).sink(sink)
                    .listener(new TailListener() {
                        @Override
                        public void recordsRead(String shardId, int kinesisRecords, int userRecords, long millisBehindLatest) {
                            reads.incrementAndGet();
                        }
                    }).build();
            assertThat(runUntil(tail, new AtomicBoolean(), () -> sink.records.size() == 30)).isNull();

            for (Shard shard : shards) {
                List<RecordBatch> batches = sink.events.stream().map(RecordBatch.class::cast)
                        .filter(b -> b.shardId().equals(shard.shardId())).toList();
                assertThat(batches.stream().flatMap(b -> b.records().stream()).map(TailRecord::sequenceNumber))
                        .as("in order").containsExactlyElementsOf(sequences.get(shard.shardId()));
                assertThat(batches).allSatisfy(b -> {
                    assertThat(b.records()).hasSizeLessThanOrEqualTo(4);
                    assertThat(b.end()).isEqualTo(b.records().getLast().position());
                    assertThat(b.millisBehindLatest()).isGreaterThanOrEqualTo(0);
                });
                assertThat(tail.checkpoint().position(shard.shardId())).isEqualTo(ShardPosition.after(sequences.get(shard.shardId()).getLast()));
            }
            assertThat(reads.get()).isGreaterThanOrEqualTo(9);
            assertThat(tail.status().userRecords()).isEqualTo(30);
            assertThat(tail.status().kinesisRecords()).isEqualTo(30);
        }
    }

    @Test
    void takesKplAggregatesApartUnlessToldNotTo() throws Exception {
        try (LocalKinesis local = LocalKinesis.start()) {
            local.createStream("s", 1);
            String aggregateSequence = local.put("s", "Shadowfax", KplRecords.aggregate("Shadowfax", List.of("a", "b", "c")));
            local.put("s", "Bucephalus", "plain".getBytes(StandardCharsets.UTF_8));

            Collector split = new Collector();
            runUntil(StreamTail.builder(local.kinesis, "s").from(StartPosition.TRIM_HORIZON).sink(split).build(), new AtomicBoolean(),
                    () -> split.records.size() == 4);
            assertThat(split.data()).containsExactly("a", "b", "c", "plain");
            assertThat(split.records).extracting(TailRecord::subSequenceNumber).containsExactly(0L, 1L, 2L, 0L);
            assertThat(split.records).extracting(TailRecord::aggregated).containsExactly(true, true, true, false);
            assertThat(split.records).extracting(TailRecord::endsRecord).containsExactly(false, false, true, true);
            assertThat(split.records.get(1).position()).isEqualTo(ShardPosition.within(aggregateSequence, 1));
            assertThat(split.records.get(2).position()).isEqualTo(ShardPosition.after(aggregateSequence));

            Collector raw = new Collector();
            runUntil(StreamTail.builder(local.kinesis, "s").from(StartPosition.TRIM_HORIZON).deaggregate(false).sink(raw).build(),
                    new AtomicBoolean(), () -> raw.records.size() == 2);
            assertThat(KplAggregate.hasMagic(raw.records.get(0).data())).isTrue();
            assertThat(raw.records).extracting(TailRecord::aggregated).containsExactly(false, false);
        }
    }

    @Test
    void aSlowSinkHoldsBackOnlyItsOwnShard() throws Exception {
        try (LocalKinesis local = LocalKinesis.start()) {
            local.createStream("s", 2);
            List<Shard> shards = local.openShards("s");
            String slow = shards.get(0).shardId();
            CountDownLatch release = new CountDownLatch(1);
            Collector sink = new Collector() {
                @Override
                public void deliver(RecordBatch batch) throws Exception {
                    if (batch.shardId().equals(slow)) {
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                    super.deliver(batch);
                }
            };
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = Thread.ofVirtual().start(() -> StreamTail.builder(local.kinesis, "s").from(StartPosition.TRIM_HORIZON)
                    .sink(sink).build().run(stop));
            putTo(local, "s", shards.get(0), "held-1");
            for (int i = 0; i < 5; i++) {
                putTo(local, "s", shards.get(1), "free-" + i);
                putTo(local, "s", shards.get(0), "held-" + (i + 2));
            }
            await(() -> sink.records.size() == 5);
            assertThat(sink.data()).as("the other shard goes on while this one's sink waits")
                    .containsExactly("free-0", "free-1", "free-2", "free-3", "free-4");
            release.countDown();
            await(() -> sink.records.size() == 11);
            assertThat(sink.data().stream().filter(d -> d.startsWith("held")).toList())
                    .containsExactly("held-1", "held-2", "held-3", "held-4", "held-5", "held-6");
            stop.set(true);
            assertThat(reader.join(Duration.ofSeconds(20))).isTrue();
        }
    }

    @Test
    void aClosedParentEndsInTheSinkBeforeItsChildrenDeliverAnything() throws Exception {
        try (LocalKinesis local = LocalKinesis.start()) {
            local.createStream("s", 1);
            Shard parent = local.openShards("s").getFirst();
            putTo(local, "s", parent, "before");
            local.split("s", parent);
            for (Shard child : local.openShards("s")) {
                putTo(local, "s", child, "after-" + child.shardId());
            }
            Collector sink = new Collector();
            StreamTail tail = StreamTail.builder(local.kinesis, "s").from(StartPosition.TRIM_HORIZON).sink(sink).build();
            assertThat(runUntil(tail, new AtomicBoolean(), () -> sink.records.size() == 3)).isNull();

            int end = indexOf(sink.events, e -> e instanceof ShardEnd);
            ShardEnd ended = (ShardEnd) sink.events.get(end);
            assertThat(ended.shardId()).isEqualTo(parent.shardId());
            assertThat(ended.childShardIds()).hasSize(2);
            assertThat(sink.events.subList(0, end)).allSatisfy(e -> assertThat(((RecordBatch) e).shardId()).isEqualTo(parent.shardId()));
            assertThat(sink.events.subList(end + 1, sink.events.size()))
                    .allSatisfy(e -> assertThat(ended.childShardIds()).contains(((RecordBatch) e).shardId()));
            assertThat(tail.checkpoint().finished()).containsExactly(parent.shardId());
        }
    }

    @Test
    void aFailingSinkStopsTheTailAndItsBatchStaysOutOfTheCheckpoint() throws Exception {
        try (LocalKinesis local = LocalKinesis.start();
             CheckpointStore store = CheckpointStore.open(dir.resolve("c"))) {
            local.createStream("s", 1);
            List<String> sequences = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sequences.add(local.put("s", "k", ("r" + i).getBytes(StandardCharsets.UTF_8)));
            }
            AtomicInteger calls = new AtomicInteger();
            RecordSink failing = batch -> {
                if (calls.incrementAndGet() == 2) {
                    throw new IOException("disk full");
                }
            };
            StreamTail tail = StreamTail.builder(local.kinesis, "s").from(StartPosition.TRIM_HORIZON).recordsPerRead(2).sink(failing)
                    .saveCheckpointsTo(store, Duration.ofHours(1)).build();
            assertThatThrownBy(() -> tail.run(new AtomicBoolean())).isInstanceOf(SinkException.class)
                    .hasMessageContaining("disk full").hasRootCauseInstanceOf(IOException.class);
            Checkpoint saved = store.load("s");
            assertThat(saved.position("shardId-000000000000")).as("saved when it stopped, without the failed batch")
                    .isEqualTo(ShardPosition.after(sequences.get(1)));
        }
    }

    @Test
    void emptyReadsReachTheSinkOnlyWhenAskedFor() throws Exception {
        try (LocalKinesis local = LocalKinesis.start()) {
            local.createStream("s", 1);
            Collector sink = new Collector();
            assertThat(runUntil(StreamTail.builder(local.kinesis, "s").deliverEmptyBatches(true).sink(sink).build(), new AtomicBoolean(),
                    () -> sink.events.size() >= 2)).isNull();
            assertThat(sink.events).first().satisfies(e -> {
                assertThat(((RecordBatch) e).records()).isEmpty();
                assertThat(((RecordBatch) e).end()).isNull();
            });
        }
    }

    @Test
    void readsThroughServerFaultsWithoutLosingOrRepeatingARecord() throws Exception {
        try (LocalKinesis local = LocalKinesis.withFaults(0.3)) {
            local.createStream("s", 2);
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                local.put("s", "k" + i, ("r" + i).getBytes(StandardCharsets.UTF_8));
                written.add("r" + i);
            }
            Collector sink = new Collector();
            AtomicInteger retries = new AtomicInteger();
            try (KinesisClient withoutSdkRetries = KinesisClient.builder().endpointOverride(URI.create(local.server.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
                StreamTail tail = StreamTail.builder(withoutSdkRetries, "s").from(StartPosition.TRIM_HORIZON).recordsPerRead(3).sink(sink)
                        .listener(new TailListener() {
                            @Override
                            public void notice(String message) {
                                retries.incrementAndGet();
                            }
                        }).build();
                assertThat(runUntil(tail, new AtomicBoolean(), () -> sink.records.size() >= 40)).isNull();
                Thread.sleep(500); // nothing more may come
            }
            assertThat(sink.data()).containsExactlyInAnyOrderElementsOf(written);
            assertThat(retries.get()).as("the tail itself retried the InternalFailures").isPositive();
        }
    }

    @Test
    void aMissingStreamIsTheSdksResourceNotFoundException() {
        try (LocalKinesis local = LocalKinesis.start()) {
            StreamTail tail = StreamTail.builder(local.kinesis, "none").sink(batch -> { }).build();
            assertThatThrownBy(() -> tail.run(new AtomicBoolean())).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> tail.run(new AtomicBoolean())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aCheckpointOfAnotherStreamIsRefused() {
        try (LocalKinesis local = LocalKinesis.start()) {
            assertThatThrownBy(() -> StreamTail.builder(local.kinesis, "a").resumeFrom(Checkpoint.empty("b")).sink(b -> { }).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream b, not a");
        }
    }

    private static int indexOf(List<Object> events, Predicate<Object> test) {
        synchronized (events) {
            for (int i = 0; i < events.size(); i++) {
                if (test.test(events.get(i))) {
                    return i;
                }
            }
        }
        throw new AssertionError("no such event in " + events);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
