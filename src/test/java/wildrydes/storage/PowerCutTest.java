package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/**
 * Power cuts at random points while several threads append to many shard logs and another one
 * reshards (new logs, new metadata), trims, deletes streams and writes blobs, on a
 * {@link SimulatedDisk} that loses what nobody fsynced (and may tear the last write). After each
 * restart on what the disk kept, every acknowledged record must be there, in order, with its
 * sequence number; every record there must be one that was written; acknowledged metadata and
 * blobs must be as written; and whatever a restart showed must still be there after the next cut.
 * Without fsync, acknowledged records may go, but metadata, blobs and the directory must not.
 *
 * <p>Each seed runs a few cuts, including cuts in the middle of a restart's recovery. The number
 * of seeds is {@code -Dwildrydes.powercut.seeds} (default {@value #DEFAULT_SEEDS}); a soak runs with
 * {@code -Dwildrydes.powercut.soak=true} for {@code -Dwildrydes.powercut.minutes} (default 10).
 * A failure names its seed; {@code -Dwildrydes.powercut.first=SEED -Dwildrydes.powercut.seeds=1}
 * runs that one again (thread timing varies, the plan does not).
 */
class PowerCutTest {

    private static final int DEFAULT_SEEDS = 300;
    private static final Path DATA = Path.of("/simulated/data");
    private static final int CUTS_PER_SEED = 3;

    @Test
    void everyAcknowledgedWriteSurvivesPowerCutsAtRandomPoints() throws Exception {
        long first = Long.getLong("wildrydes.powercut.first", 1);
        boolean soak = Boolean.getBoolean("wildrydes.powercut.soak");
        long end = soak ? Long.MAX_VALUE : first + Long.getLong("wildrydes.powercut.seeds", DEFAULT_SEEDS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Long.getLong("wildrydes.powercut.minutes", 10));
        Totals totals = new Totals();
        long started = System.nanoTime();
        long seed = first;
        for (; seed < end && (!soak || System.nanoTime() < deadline); seed++) {
            try {
                new Run(seed, totals).run();
            } catch (AssertionError | Exception e) {
                throw new AssertionError("power cut seed " + seed + " failed (rerun with -Dwildrydes.powercut.first=" + seed
                        + " -Dwildrydes.powercut.seeds=1): " + e.getMessage(), e);
            }
        }
        System.out.printf("PowerCutTest: %d seeds, %d cuts (%d during recovery), %d acknowledged records checked, "
                        + "%d unacknowledged ones found kept, in %d ms%n", seed - first, totals.cuts.get(),
                totals.cutsInRecovery.get(), totals.acknowledged.get(), totals.keptUnacknowledged.get(),
                (System.nanoTime() - started) / 1_000_000);
        assertThat(totals.acknowledged.get()).isPositive();
    }

    private static final class Totals {
        final AtomicLong cuts = new AtomicLong();
        final AtomicLong cutsInRecovery = new AtomicLong();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong keptUnacknowledged = new AtomicLong();
    }

    /** What the test knows of one shard log. */
    private static final class LogModel {
        final String streamKey;
        final int shard;
        volatile ShardLog log;
        /** Acknowledged (or seen after a restart) records by sequence. */
        final ConcurrentSkipListMap<Long, Rec> acked = new ConcurrentSkipListMap<>();
        /** Records that arrived before it may be gone: a trim with this cut-off began before the cut. */
        volatile long trimCutoff = Long.MIN_VALUE;

        LogModel(String streamKey, int shard) {
            this.streamKey = streamKey;
            this.shard = shard;
        }
    }

    private static final class StreamModel {
        final String key;
        final List<LogModel> logs = new ArrayList<>();
        /** Metadata acknowledged last, and values written after it whose write the cut interrupted. */
        byte[] metadata;
        final List<byte[]> metadataInFlight = new ArrayList<>();
        boolean deleted;
        boolean deleteInFlight;
        int nextShard;

        StreamModel(String key) {
            this.key = key;
        }
    }

    private static final class Run {
        private final long seed;
        private final Random random;
        private final Totals totals;
        private final SyncMode mode;
        private final StorageOptions options;
        private final TestClock clock = TestClock.at(1_700_000_000_000L);
        private final Map<String, StreamModel> streams = new LinkedHashMap<>();
        /** Every record ever handed to an append, by its data (unique): its partition and explicit hash keys. */
        private final Map<String, Rec> attempted = new ConcurrentHashMap<>();
        private final Map<String, byte[]> blobs = new LinkedHashMap<>();
        private final Map<String, List<byte[]>> blobsInFlight = new LinkedHashMap<>();
        private final CopyOnWriteArrayList<LogModel> writable = new CopyOnWriteArrayList<>();
        private int streamCounter;
        private SimulatedDisk disk;

        Run(long seed, Totals totals) {
            this.seed = seed;
            this.random = new Random(seed);
            this.totals = totals;
            this.mode = seed % 5 == 0 ? SyncMode.NONE : SyncMode.FSYNC;
            this.options = StorageOptions.defaults()
                    .withSegmentMaxBytes(1024 + random.nextInt(8 * 1024))
                    .withIndexIntervalBytes(64 + random.nextInt(512))
                    .withCheckpointIntervalBytes(1024 + random.nextInt(8 * 1024))
                    .withPreallocateBytes(random.nextBoolean() ? 0 : 4096)
                    .withJournal(4 * 1024 + random.nextInt(32 * 1024), 2 * 1024 + random.nextInt(16 * 1024),
                            Duration.ofMillis(5 + random.nextInt(50)));
        }

        void run() throws Exception {
            disk = new SimulatedDisk();
            FileStorageEngine engine = FileStorageEngine.open(DATA, mode, options, clock, disk, disk);
            createStream(engine, 1 + random.nextInt(3));
            createStream(engine, 1 + random.nextInt(3));
            for (int cut = 0; cut < CUTS_PER_SEED; cut++) {
                disk.cutAfter(100 + random.nextInt(3000), new Random(random.nextLong()));
                runUntilCut(engine);
                engine.close(); // on the ghost of the disk: nothing it does reaches the disk after the cut
                totals.cuts.incrementAndGet();
                disk = disk.afterCut();
                engine = restart();
                verify(engine, "after cut " + (cut + 1));
            }
            engine.close();
            engine = FileStorageEngine.open(DATA, mode, options, clock, disk, disk);
            verify(engine, "after a clean close");
            engine.close();
        }

        /** Opens the store on what the disk kept; sometimes the power goes again during the recovery. */
        private FileStorageEngine restart() {
            if (random.nextInt(5) == 0) {
                disk.cutAfter(1 + random.nextInt(60), new Random(random.nextLong()));
                FileStorageEngine interrupted = FileStorageEngine.open(DATA, mode, options, clock, disk, disk);
                interrupted.close();
                if (disk.isCut()) {
                    totals.cutsInRecovery.incrementAndGet();
                    disk = disk.afterCut();
                } else {
                    disk.cutAfter(Long.MAX_VALUE / 2, new Random(0));
                }
            }
            FileStorageEngine engine = FileStorageEngine.open(DATA, mode, options, clock, disk, disk);
            for (StreamModel stream : streams.values()) {
                for (LogModel model : stream.logs) {
                    model.log = null;
                }
            }
            return engine;
        }

        private void createStream(FileStorageEngine engine, int shards) {
            StreamModel stream = new StreamModel("stream-" + seed + "-" + streamCounter++);
            streams.put(stream.key, stream);
            writeMetadata(engine, stream);
            for (int i = 0; i < shards; i++) {
                openShard(engine, stream);
            }
        }

        private void openShard(FileStorageEngine engine, StreamModel stream) {
            LogModel model = new LogModel(stream.key, stream.nextShard++);
            model.log = engine.shardLog(stream.key, model.shard);
            stream.logs.add(model);
            writable.add(model);
        }

        private void writeMetadata(FileStorageEngine engine, StreamModel stream) {
            byte[] value = ("{\"shards\":" + stream.nextShard + ",\"n\":" + random.nextInt() + "}").getBytes(StandardCharsets.UTF_8);
            stream.metadataInFlight.add(value);
            engine.writeMetadata(stream.key, value);
            if (!disk.isCut()) {
                stream.metadata = value;
                stream.metadataInFlight.clear();
            }
        }

        /** Writers append to the writable logs while this thread reshards, trims, deletes and writes blobs. */
        private void runUntilCut(FileStorageEngine engine) throws InterruptedException {
            SimulatedDisk disk = this.disk;
            for (StreamModel stream : streams.values()) {
                for (LogModel model : stream.logs) {
                    if (model.log == null && !stream.deleted) {
                        model.log = engine.shardLog(stream.key, model.shard);
                    }
                }
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            int threads = 2 + random.nextInt(3);
            for (int t = 0; t < threads; t++) {
                Random writerRandom = new Random(random.nextLong());
                String prefix = seed + "-" + totals.cuts.get() + "-" + t + "-";
                writers.add(Thread.ofPlatform().start(() -> write(disk, stop, writerRandom, prefix)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!disk.isCut() && System.nanoTime() < deadline) {
                act(engine);
                Thread.sleep(0, 200_000);
            }
            if (!disk.isCut()) {
                disk.cut(new Random(random.nextLong()));
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }

        private void write(SimulatedDisk disk, AtomicBoolean stop, Random writerRandom, String prefix) {
            List<java.util.concurrent.CompletableFuture<?>> inFlight = new ArrayList<>();
            // Half the writers act as event loops: they commit their own appends in a task run after each batch.
            java.util.ArrayDeque<Runnable> tasks = writerRandom.nextBoolean() ? new java.util.ArrayDeque<>() : null;
            if (tasks != null) {
                CommitBatching.install(tasks::add);
            }
            for (int n = 0; !stop.get() && !disk.isCut(); n++) {
                List<LogModel> targets = writable;
                if (targets.isEmpty()) {
                    Thread.onSpinWait();
                    continue;
                }
                LogModel target = targets.get(writerRandom.nextInt(targets.size()));
                ShardLog log = target.log;
                if (log == null) {
                    continue;
                }
                List<RecordToAppend> batch = new ArrayList<>();
                int size = 1 + writerRandom.nextInt(writerRandom.nextInt(8) == 0 ? 20 : 3);
                for (int i = 0; i < size; i++) {
                    byte[] data = (prefix + n + "-" + i + "-" + "x".repeat(writerRandom.nextInt(200))).getBytes(StandardCharsets.UTF_8);
                    String hashKey = writerRandom.nextInt(4) == 0 ? String.valueOf(writerRandom.nextLong() >>> 1) : null;
                    RecordToAppend record = TestRecords.toAppend("pk-" + writerRandom.nextInt(50), hashKey, data);
                    attempted.put(HexFormat.of().formatHex(data), Rec.of(-1, -1, record));
                    batch.add(record);
                }
                var appended = log.append(batch).whenComplete((result, failure) -> {
                    if (failure == null && !disk.isCut()) {
                        for (int i = 0; i < batch.size(); i++) {
                            target.acked.put(result.firstSequence() + i, Rec.of(result.firstSequence() + i, result.arrivalMillis(), batch.get(i)));
                        }
                    }
                });
                inFlight.add(appended);
                if (inFlight.size() >= 1 + writerRandom.nextInt(8)) {
                    runAll(tasks);
                    for (var future : inFlight) {
                        try {
                            future.get(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            // failed appends (a closed log, a cut) are fine: they were never acknowledged
                        }
                    }
                    inFlight.clear();
                }
            }
            runAll(tasks);
        }

        private static void runAll(java.util.ArrayDeque<Runnable> tasks) {
            for (Runnable task; tasks != null && (task = tasks.poll()) != null; ) {
                task.run();
            }
        }

        /** One random action of the control thread. */
        private void act(FileStorageEngine engine) {
            clock.advance(random.nextInt(5));
            int action = random.nextInt(100);
            List<StreamModel> live = streams.values().stream().filter(s -> !s.deleted && !s.deleteInFlight).toList();
            if (action < 4 && !live.isEmpty()) { // reshard: a shard closes, two open
                StreamModel stream = live.get(random.nextInt(live.size()));
                List<LogModel> open = stream.logs.stream().filter(writable::contains).toList();
                if (!open.isEmpty() && stream.logs.size() < 12) {
                    writable.remove(open.get(random.nextInt(open.size())));
                    openShard(engine, stream);
                    openShard(engine, stream);
                    writeMetadata(engine, stream);
                }
            } else if (action < 12 && !live.isEmpty()) { // retention
                StreamModel stream = live.get(random.nextInt(live.size()));
                LogModel model = stream.logs.get(random.nextInt(stream.logs.size()));
                ShardLog log = model.log;
                long cutoff = clock.millis() - random.nextInt(200);
                if (log != null && !disk.isCut()) {
                    // Set first: a cut during the trim may leave any of the records before the cut-off.
                    model.trimCutoff = Math.max(model.trimCutoff, cutoff);
                    log.trimBefore(cutoff);
                }
            } else if (action < 14 && live.size() > 1) { // delete a stream
                StreamModel stream = live.get(random.nextInt(live.size()));
                writable.removeIf(model -> model.streamKey.equals(stream.key));
                stream.deleteInFlight = true;
                engine.deleteStream(stream.key);
                if (!disk.isCut()) {
                    stream.deleted = true;
                    stream.deleteInFlight = false;
                }
            } else if (action < 16 && streams.size() < 8) {
                createStream(engine, 1 + random.nextInt(3));
            } else if (action < 20) {
                String name = "blob-" + random.nextInt(3);
                byte[] value = ("blob " + random.nextLong()).getBytes(StandardCharsets.UTF_8);
                blobsInFlight.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                engine.writeBlob(name, value);
                if (!disk.isCut()) {
                    blobs.put(name, value);
                    blobsInFlight.get(name).clear();
                }
            }
        }

        private void verify(FileStorageEngine engine, String phase) {
            Map<String, byte[]> metadata = engine.readAllMetadata();
            for (StreamModel stream : streams.values()) {
                byte[] found = metadata.get(stream.key);
                String context = "seed " + seed + " " + phase + ", stream " + stream.key;
                if (stream.deleted) {
                    assertThat(found).as(context + " was deleted").isNull();
                    continue;
                }
                if (found == null) {
                    assertThat(stream.deleteInFlight || stream.metadata == null).as(context + ": metadata lost").isTrue();
                    stream.deleted = true; // its delete (or its creation) was cut short: it is gone
                    writable.removeIf(model -> model.streamKey.equals(stream.key));
                    continue;
                }
                assertThat(found.equals(stream.metadata) || java.util.Arrays.equals(found, stream.metadata)
                        || stream.metadataInFlight.stream().anyMatch(v -> java.util.Arrays.equals(v, found)))
                        .as(context + ": metadata " + new String(found, StandardCharsets.UTF_8) + " was never written last")
                        .isTrue();
                stream.metadata = found;
                stream.metadataInFlight.clear();
                stream.deleteInFlight = false;
                for (LogModel model : stream.logs) {
                    verifyLog(engine, model, context + ", shard " + model.shard);
                }
            }
            for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
                byte[] found = engine.readBlob(blob.getKey());
                List<byte[]> inFlight = blobsInFlight.getOrDefault(blob.getKey(), List.of());
                assertThat(java.util.Arrays.equals(found, blob.getValue())
                        || inFlight.stream().anyMatch(v -> java.util.Arrays.equals(v, found)))
                        .as("seed " + seed + ", blob " + blob.getKey()).isTrue();
            }
        }

        private void verifyLog(FileStorageEngine engine, LogModel model, String context) {
            ShardLog log = engine.shardLog(model.streamKey, model.shard);
            model.log = log;
            List<Rec> records = TestRecords.readAll(log);
            long expected = log.firstSequence();
            long lastArrival = Long.MIN_VALUE;
            Map<Long, Rec> present = new LinkedHashMap<>();
            for (Rec record : records) {
                assertThat(record.sequence()).as(context + ": sequences follow on").isEqualTo(expected++);
                assertThat(record.arrivalMillis()).as(context + ": arrival times never go back").isGreaterThanOrEqualTo(lastArrival);
                lastArrival = record.arrivalMillis();
                Rec acked = model.acked.get(record.sequence());
                if (acked != null && mode == SyncMode.FSYNC) {
                    assertThat(record).as(context + ": acknowledged record " + record.sequence()).isEqualTo(acked);
                } else if (acked == null || !acked.equals(record)) {
                    Rec sent = attempted.get(record.dataHex());
                    assertThat(sent).as(context + ": record " + record + " was never written").isNotNull();
                    assertThat(new Rec(-1, -1, record.partitionKey(), record.explicitHashKey(), record.dataHex()))
                            .as(context + ": record " + record.sequence() + " keys").isEqualTo(sent);
                    totals.keptUnacknowledged.incrementAndGet();
                }
                present.put(record.sequence(), record);
            }
            if (mode == SyncMode.FSYNC) {
                for (Rec acked : model.acked.values()) {
                    if (acked.arrivalMillis() < model.trimCutoff) {
                        continue; // trimmed, or not yet: either is right
                    }
                    if (!acked.equals(present.get(acked.sequence()))) {
                        StorageStats stats = engine.stats();
                        String shardPath = "streams/" + model.streamKey + "/shard-" + String.format("%012d", model.shard);
                        System.err.println("Operations before the failure of seed " + seed + ":\n" + disk.trace(shardPath));
                        fail(context + ": acknowledged record " + acked.sequence() + " lost (log holds " + log.firstSequence()
                                + ".." + (log.committedEnd() - 1) + ", trimmed before arrival " + model.trimCutoff + "; restart "
                                + "replayed " + stats.replayedEntries() + " journal entries, " + stats.replayedBytes() + " bytes)");
                    }
                    totals.acknowledged.incrementAndGet();
                }
            }
            // What a restart showed is durable now: it must stay.
            model.acked.clear();
            model.acked.putAll(present);
        }
    }
}
