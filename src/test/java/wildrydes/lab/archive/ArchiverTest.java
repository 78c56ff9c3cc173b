package wildrydes.lab.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.ShardEnd;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.StartPosition;
import wildrydes.lab.tail.TailRecord;

/**
 * The archive's sink fed batches directly (no server): when it delivers, what an object holds,
 * what the checkpoint says, and that a stop at every step of a delivery, settled at the next
 * start, leaves every record in exactly one object.
 */
class ArchiverTest {
    private static final String STREAM = "wildrydes";
    private static final Instant T0 = Instant.parse("2026-12-03T10:59:59.500Z");

    @TempDir
    Path lake;

    private final Map<String, Long> sequences = new HashMap<>();

    /** A record of the shard, arriving {@code millis} after T0, with the given text as data. */
    private TailRecord record(String shard, long millis, String text) {
        long seq = sequences.merge(shard, 1L, Long::sum);
        String sequenceNumber = String.format("4960%016d%04d", seq, shard.hashCode() & 0xfff);
        return new TailRecord(shard, sequenceNumber, 0, false, true, "pk", null, T0.plusMillis(millis),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static RecordBatch batch(List<TailRecord> records) {
        return new RecordBatch(records.getFirst().shardId(), records, 0, records.getLast().position());
    }

    private Archiver archiver(ArchiveStateStore store, ArchiveState state, Duration interval, long size, Compression compression,
                              DeliveryStep.Observer steps, List<DeliveryReport> reports) {
        return new Archiver(lake, interval, size, new JsonStager(lake, STREAM, compression), store, state, Clock.systemUTC(),
                reports::add, steps);
    }

    private static ArchiveState fresh() {
        return ArchiveState.first(STREAM, StartPosition.TRIM_HORIZON, Instant.now());
    }

    @Test
    void nothingIsDeliveredBeforeTheIntervalOrTheSizeIsReached() throws IOException {
        List<DeliveryReport> reports = new ArrayList<>();
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, STREAM)) {
            Archiver archiver = archiver(store, fresh(), Duration.ofHours(1), ArchiveSettings.MIB, Compression.NONE, DeliveryStep.NONE,
                    reports);
            archiver.deliver(batch(List.of(record("shardId-000000000000", 0, "{\"a\":1}\n"))));
            archiver.tick();
            assertThat(reports).isEmpty();
            assertThat(LakeFiles.objects(lake, STREAM)).isEmpty();
            assertThat(archiver.buffered().records()).isEqualTo(1);
            assertThat(archiver.checkpoint().positions()).as("a buffered record is not checkpointed").isEmpty();
        }
    }

    @Test
    void aFullBufferIsDeliveredBeforeTheRecordThatWouldOverflowIt() throws IOException {
        List<DeliveryReport> reports = new ArrayList<>();
        String kib100 = "x".repeat(100 * 1024 - 1) + "\n";
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, STREAM)) {
            Archiver archiver = archiver(store, fresh(), Duration.ofHours(1), ArchiveSettings.MIB, Compression.NONE, DeliveryStep.NONE,
                    reports);
            List<TailRecord> records = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                records.add(record("shardId-000000000000", i, kib100));
            }
            archiver.deliver(batch(records));
            assertThat(reports).hasSize(1);
            assertThat(reports.getFirst().records()).as("10 x 100 KiB fit in 1 MiB, the 11th does not").isEqualTo(10);
            assertThat(Files.size(lake.resolve(reports.getFirst().keys().getFirst()))).isEqualTo(10 * 100 * 1024);
            assertThat(archiver.buffered().records()).isEqualTo(1);
            assertThat(archiver.checkpoint().position("shardId-000000000000")).isEqualTo(records.get(9).position());
        }
    }

    @Test
    void theIntervalDeliversWhatWaitedThatLongAndZeroDeliversEveryRead() throws Exception {
        List<DeliveryReport> reports = new ArrayList<>();
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, STREAM)) {
            Archiver archiver = archiver(store, fresh(), Duration.ofMillis(200), ArchiveSettings.MIB, Compression.NONE,
                    DeliveryStep.NONE, reports);
            archiver.deliver(batch(List.of(record("shardId-000000000000", 0, "{\"a\":1}\n"))));
            archiver.tick();
            assertThat(reports).isEmpty();
            Thread.sleep(250);
            archiver.tick();
            assertThat(reports).hasSize(1);
        }
        reports.clear();
        try (ArchiveStateStore store = ArchiveStateStore.open(lake.resolve("zero"), STREAM)) {
            Archiver archiver = new Archiver(lake.resolve("zero"), Duration.ZERO, ArchiveSettings.MIB,
                    new JsonStager(lake.resolve("zero"), STREAM, Compression.NONE), store, fresh(), Clock.systemUTC(), reports::add,
                    DeliveryStep.NONE);
            archiver.deliver(batch(List.of(record("shardId-000000000000", 0, "{\"a\":1}\n"))));
            archiver.deliver(batch(List.of(record("shardId-000000000000", 1, "{\"a\":2}\n"))));
            assertThat(reports).hasSize(2);
        }
    }

    @Test
    void anObjectIsTheRecordsBytesConcatenatedNamedByItsOldestArrival() throws IOException {
        List<DeliveryReport> reports = new ArrayList<>();
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, STREAM)) {
            Archiver archiver = archiver(store, fresh(), Duration.ofHours(1), ArchiveSettings.MIB, Compression.NONE, DeliveryStep.NONE,
                    reports);
            archiver.deliver(batch(List.of(record("shardId-000000000001", 900, "{\"b\":1}\n"), record("shardId-000000000001", 950, "{\"b\":2}"))));
            archiver.deliver(batch(List.of(record("shardId-000000000000", 0, "{\"a\":1}\n"))));
            archiver.flush();
        }
        String key = reports.getFirst().keys().getFirst();
        assertThat(key).as("the oldest record (shard 0, 10:59:59.5) names it, though it came last")
                .startsWith("wildrydes/2026/12/03/10/wildrydes-1-2026-12-03-10-59-59-");
        assertThat(new String(LakeFiles.read(lake, key), StandardCharsets.UTF_8)).isEqualTo("{\"b\":1}\n{\"b\":2}{\"a\":1}\n");
        assertThat(reports.getFirst().records()).isEqualTo(3);
    }

    @Test
    void gzipCompressesTheWholeObjectAndAppendsGz() throws IOException {
        List<DeliveryReport> reports = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, STREAM)) {
            Archiver archiver = archiver(store, fresh(), Duration.ofHours(1), ArchiveSettings.MIB, Compression.GZIP, DeliveryStep.NONE,
                    reports);
            List<TailRecord> records = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = "{\"Name\":\"Shadowfax\",\"Distance\":" + i + "}\n";
                expected.append(text);
                records.add(record("shardId-000000000000", i, text));
            }
            archiver.deliver(batch(records));
            archiver.flush();
        }
        String key = reports.getFirst().keys().getFirst();
        assertThat(key).endsWith(".gz");
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(lake.resolve(key)))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }
        assertThat(reports.getFirst().objectBytes()).isLessThan(reports.getFirst().bytes());
    }

    @Test
    void anEndedShardIsFinishedWithItsLastRecordsAndItsChildrenAfterIt() throws IOException {
        List<DeliveryReport> reports = new ArrayList<>();
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, STREAM)) {
            Archiver archiver = archiver(store, fresh(), Duration.ofHours(1), ArchiveSettings.MIB, Compression.NONE, DeliveryStep.NONE,
                    reports);
            archiver.deliver(batch(List.of(record("shardId-000000000000", 0, "p\n"))));
            archiver.shardEnded(new ShardEnd("shardId-000000000000", List.of("shardId-000000000001", "shardId-000000000002")));
            assertThat(archiver.checkpoint().isFinished("shardId-000000000000")).as("not while its record waits").isFalse();
            archiver.deliver(batch(List.of(record("shardId-000000000001", 5, "c\n"))));
            archiver.flush();
            Checkpoint checkpoint = store.load().checkpoint();
            assertThat(checkpoint.isFinished("shardId-000000000000")).isTrue();
            assertThat(checkpoint.position("shardId-000000000001")).isNotNull();
            archiver.shardEnded(new ShardEnd("shardId-000000000002", List.of()));
            assertThat(store.load().checkpoint().isFinished("shardId-000000000002")).as("nothing waits: saved at once").isTrue();
        }
    }

    @Test
    void aStopAtEveryStepOfADeliveryStillLeavesEveryRecordInExactlyOneObject() throws IOException {
        for (DeliveryStep step : DeliveryStep.values()) {
            for (int nth = 1; nth <= 3; nth++) {
                Path run = lake.resolve(step + "-" + nth);
                stopAndResume(run, step, nth, new Random(step.ordinal() * 10L + nth));
            }
        }
    }

    /** Delivers 3 shards' records in random batches, "crashes" at the nth {@code step}, restarts from the lake and finishes. */
    private void stopAndResume(Path run, DeliveryStep step, int nth, Random random) throws IOException {
        Map<String, List<TailRecord>> shards = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            String shard = "shardId-00000000000" + s;
            List<TailRecord> records = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String text = "{\"shard\":" + s + ",\"i\":" + i + "}\n";
                records.add(record(shard, i * 10L, text));
                all.add(text);
            }
            shards.put(shard, records);
        }
        class Crash extends RuntimeException {
        }
        int[] seen = {0};
        DeliveryStep.Observer crashing = reached -> {
            if (reached == step && ++seen[0] == nth) {
                throw new Crash();
            }
        };
        try (ArchiveStateStore store = ArchiveStateStore.open(run, STREAM)) {
            store.save(fresh());
            Archiver archiver = new Archiver(run, Duration.ZERO, ArchiveSettings.MIB, new JsonStager(run, STREAM, Compression.NONE),
                    store, fresh(), Clock.systemUTC(), report -> { }, crashing);
            try {
                feed(archiver, shards, Checkpoint.empty(STREAM), random);
                archiver.flush();
                throw new AssertionError("no crash at " + step + " " + nth);
            } catch (Crash expected) {
                // the process "died" here: nothing else runs
            }
        }
        try (ArchiveStateStore store = ArchiveStateStore.open(run, STREAM)) {
            ArchiveState recovered = ArchiveRecovery.recover(run, STREAM, store, store.load()).state();
            assertThat(recovered.intent()).isNull();
            assertThat(LakeLayout.stagingDirectory(run, STREAM)).isEmptyDirectory();
            Archiver archiver = new Archiver(run, Duration.ofMillis(0), ArchiveSettings.MIB, new JsonStager(run, STREAM, Compression.NONE),
                    store, recovered, Clock.systemUTC(), report -> { }, DeliveryStep.NONE);
            feed(archiver, shards, recovered.checkpoint(), random);
            archiver.flush();
            List<String> delivered = new ArrayList<>();
            for (String key : LakeFiles.objects(run, STREAM)) {
                new String(LakeFiles.read(run, key), StandardCharsets.UTF_8).lines().forEach(line -> delivered.add(line + "\n"));
            }
            assertThat(delivered).as("after a stop at %s #%d", step, nth).containsExactlyInAnyOrderElementsOf(all);
            assertThat(store.load().delivered().records()).isEqualTo(all.size());
        }
    }

    /** Feeds every record the checkpoint does not cover, each shard in order, in random batches interleaved across shards. */
    private static void feed(Archiver archiver, Map<String, List<TailRecord>> shards, Checkpoint from, Random random) throws IOException {
        Map<String, Integer> next = new HashMap<>();
        for (Map.Entry<String, List<TailRecord>> shard : shards.entrySet()) {
            ShardPosition position = from.position(shard.getKey());
            int start = 0;
            if (position != null) {
                while (start < shard.getValue().size()
                        && position.covers(new BigInteger(shard.getValue().get(start).sequenceNumber()), 0)) {
                    start++;
                }
            }
            next.put(shard.getKey(), start);
        }
        List<String> ids = new ArrayList<>(shards.keySet());
        while (!ids.isEmpty()) {
            String shard = ids.get(random.nextInt(ids.size()));
            List<TailRecord> records = shards.get(shard);
            int start = next.get(shard);
            int end = Math.min(records.size(), start + 1 + random.nextInt(6));
            if (start < end) {
                archiver.deliver(batch(records.subList(start, end)));
            }
            next.put(shard, end);
            if (end == records.size()) {
                ids.remove(shard);
            }
        }
    }
}
