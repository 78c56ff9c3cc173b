package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wildrydes.storage.TestRecords.readAll;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/**
 * The shared journal: one fdatasync per group commit whatever the number of shards, shard logs
 * repaired from it after a power cut, replay bounded by its checkpoints, files reused, and what
 * opening does with a journal it cannot or need not keep.
 */
class JournalTest {

    private static final Path DATA = Path.of("/simulated/data");
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path temporaryDirectory;

    private final TestClock clock = TestClock.at(T0);

    /** No checkpoint of any kind while a test runs, unless it asks for one. */
    private static final StorageOptions NO_BACKGROUND_FLUSH = StorageOptions.defaults()
            .withCheckpointIntervalBytes(1L << 40).withJournal(64L << 20, 1L << 40, Duration.ofDays(1));

    private static RecordToAppend record(int shard, int i) {
        return TestRecords.toAppend("rider-" + i, i % 4 == 0 ? String.valueOf(i) : null,
                ("shard " + shard + " ride " + i + " " + "x".repeat(i % 40)).getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code count} records one by one to each shard, concurrently; returns what must be read back. */
    private List<List<Rec>> appendToShards(FileStorageEngine engine, String stream, int shards, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(shards);
        List<Future<List<Rec>>> writers = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            int shard = s;
            ShardLog log = engine.shardLog(stream, shard);
            writers.add(pool.submit(() -> {
                List<Rec> written = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    RecordToAppend record = record(shard, i);
                    AppendResult result = log.append(List.of(record)).get(10, TimeUnit.SECONDS);
                    written.add(Rec.of(result.firstSequence(), result.arrivalMillis(), record));
                }
                return written;
            }));
        }
        List<List<Rec>> all = new ArrayList<>();
        for (Future<List<Rec>> writer : writers) {
            all.add(writer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return all;
    }

    @Test
    void onlyTheJournalIsFsyncedOnTheWritePathOncePerGroupCommitWhateverTheNumberOfShards() throws Exception {
        Map<String, AtomicLong> forcesBySuffix = new ConcurrentHashMap<>();
        Map<FileChannel, String> names = new ConcurrentHashMap<>();
        StorageFiles files = new DelegatingStorageFiles(StorageFiles.SYSTEM) {
            @Override
            public FileChannel open(Path file, java.nio.file.OpenOption... options) throws IOException {
                FileChannel channel = super.open(file, options);
                names.put(channel, file.getFileName().toString());
                return channel;
            }
        };
        FileSyncer counting = new FileSyncer() {
            @Override
            public void force(FileChannel channel) throws IOException {
                String name = names.getOrDefault(channel, "?");
                forcesBySuffix.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), k -> new AtomicLong()).incrementAndGet();
                channel.force(false);
            }

            @Override
            public void syncDirectory(Path directory) throws IOException {
                FileSyncer.SYSTEM.syncDirectory(directory);
            }
        };
        Path data = temporaryDirectory.resolve("data");
        try (FileStorageEngine engine = FileStorageEngine.open(data, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, files, counting)) {
            for (int shard = 0; shard < 16; shard++) {
                engine.shardLog("rides", shard);
            }
            forcesBySuffix.clear();
            long commitsBefore = engine.journal().stats().commits();

            appendToShards(engine, "rides", 16, 50);

            long commits = engine.journal().stats().commits() - commitsBefore;
            assertThat(forcesBySuffix.keySet()).as("files forced while appending").containsExactly("journal");
            assertThat(forcesBySuffix.get("journal").get()).isEqualTo(commits);
            assertThat(commits).as("group commits for 800 appends to 16 shards").isPositive().isLessThan(800);
            assertThat(engine.journal().stats().records()).isEqualTo(800);
        }
    }

    @Test
    void acknowledgedRecordsComeBackFromTheJournalWhenAPowerCutTakesWhatTheShardLogsHadNotFsynced() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        FileStorageEngine engine = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, disk, disk);
        List<List<Rec>> written = appendToShards(engine, "rides", 8, 40);

        SimulatedDisk after = disk.cutKeepingOnlyDurable();
        engine.close();

        try (FileStorageEngine reopened = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, after, after)) {
            for (int shard = 0; shard < 8; shard++) {
                assertThat(readAll(reopened.shardLog("rides", shard))).as("shard %d", shard).isEqualTo(written.get(shard));
            }
            assertThat(reopened.journal().stats().replayedEntries()).isEqualTo(8 * 40);
        }
    }

    @Test
    void recordsTheJournalRestoredAreFsyncedBeforeACheckpointLetsTheJournalForgetThem() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        FileStorageEngine engine = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, disk, disk);
        List<List<Rec>> written = appendToShards(engine, "rides", 2, 40);
        SimulatedDisk afterFirstCut = disk.cutKeepingOnlyDurable();
        engine.close();
        StorageOptions checkpointing = StorageOptions.defaults().withJournal(64L << 20, 1, Duration.ofMillis(1));

        FileStorageEngine restarted = FileStorageEngine.open(DATA, SyncMode.FSYNC, checkpointing, clock, afterFirstCut,
                afterFirstCut);
        assertThat(restarted.journal().stats().replayedEntries()).isEqualTo(80);
        awaitCheckpointWithin(restarted.journal(), 1);
        SimulatedDisk afterSecondCut = afterFirstCut.cutKeepingOnlyDurable();
        restarted.close();

        try (FileStorageEngine reopened = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, afterSecondCut,
                afterSecondCut)) {
            assertThat(readAll(reopened.shardLog("rides", 0))).isEqualTo(written.get(0));
            assertThat(readAll(reopened.shardLog("rides", 1))).isEqualTo(written.get(1));
        }
    }

    @Test
    void aRestartAfterAPowerCutReplaysOnlyWhatFollowsTheLastJournalCheckpoint() throws Exception {
        // Zeros written ahead of the appends are checked on open too: 64 KiB of them at most here.
        StorageOptions options = StorageOptions.defaults().withJournal(256 * 1024, 32 * 1024, Duration.ofDays(1))
                .withPreallocateBytes(64 * 1024);
        SimulatedDisk disk = new SimulatedDisk();
        FileStorageEngine engine = FileStorageEngine.open(DATA, SyncMode.FSYNC, options, clock, disk, disk);
        List<List<Rec>> written = appendToShards(engine, "rides", 4, 1500);
        long journalBytes = engine.journal().stats().bytesWritten();
        awaitCheckpointWithin(engine.journal(), 48 * 1024);

        SimulatedDisk after = disk.cutKeepingOnlyDurable();
        engine.close();
        try (FileStorageEngine reopened = FileStorageEngine.open(DATA, SyncMode.FSYNC, options, clock, after, after)) {
            assertThat(journalBytes).isGreaterThan(20 * 32 * 1024);
            assertThat(reopened.journal().stats().replayedBytes()).isLessThan(48 * 1024);
            for (int shard = 0; shard < 4; shard++) {
                assertThat(readAll(reopened.shardLog("rides", shard))).isEqualTo(written.get(shard));
                assertThat(((FileShardLog) reopened.shardLog("rides", shard)).scannedBytesOnOpen()).isLessThan((48 + 64) * 1024);
            }
        }
    }

    private static void awaitCheckpointWithin(Journal journal, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (journal.bytesSinceCheckpoint() >= bytes && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(journal.bytesSinceCheckpoint()).as("journal bytes after the last checkpoint").isLessThan(bytes);
    }

    @Test
    void journalFilesAreReusedOnceACheckpointPassesThem() throws Exception {
        StorageOptions options = StorageOptions.defaults().withJournal(16 * 1024, 8 * 1024, Duration.ofDays(1));
        Path data = temporaryDirectory.resolve("data");
        List<List<Rec>> written;
        try (FileStorageEngine engine = FileStorageEngine.open(data, SyncMode.FSYNC, options, clock, FileSyncer.SYSTEM)) {
            written = appendToShards(engine, "rides", 2, 1500);
            assertThat(engine.journal().stats().bytesWritten()).isGreaterThan(20 * 16 * 1024);
            assertThat(SegmentFiles.names(data.resolve("journal"), ".journal").size()).isLessThanOrEqualTo(4);
        }
        assertThat(SegmentFiles.names(data.resolve("journal"), ".journal").size()).isLessThanOrEqualTo(3);
        try (FileStorageEngine engine = FileStorageEngine.open(data, SyncMode.FSYNC, options, clock, FileSyncer.SYSTEM)) {
            assertThat(engine.journal().stats().replayedEntries()).isZero();
            for (int shard = 0; shard < 2; shard++) {
                assertThat(readAll(engine.shardLog("rides", shard))).isEqualTo(written.get(shard));
            }
        }
    }

    @Test
    void aStoreOpenedWithoutFsyncReplaysTheJournalThenEmptiesIt() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        FileStorageEngine engine = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, disk, disk);
        List<List<Rec>> written = appendToShards(engine, "rides", 2, 30);
        SimulatedDisk after = disk.cutKeepingOnlyDurable();
        engine.close();

        try (FileStorageEngine reopened = FileStorageEngine.open(DATA, SyncMode.NONE, NO_BACKGROUND_FLUSH, clock, after, after)) {
            assertThat(readAll(reopened.shardLog("rides", 0))).isEqualTo(written.get(0));
            assertThat(readAll(reopened.shardLog("rides", 1))).isEqualTo(written.get(1));
            assertThat(after.list(DATA.resolve("journal"))).extracting(path -> path.getFileName().toString())
                    .containsExactly("checkpoint");
        }
        SimulatedDisk afterSecondCut = after.cutKeepingOnlyDurable();
        try (FileStorageEngine reopened = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, afterSecondCut,
                afterSecondCut)) {
            assertThat(readAll(reopened.shardLog("rides", 0))).isEqualTo(written.get(0));
        }
    }

    @Test
    void entriesOfADeletedStreamAreSkipped() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        FileStorageEngine engine = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, disk, disk);
        engine.writeMetadata("gone", new byte[] {1});
        appendToShards(engine, "gone", 2, 10);
        List<List<Rec>> kept = appendToShards(engine, "kept", 1, 10);
        engine.deleteStream("gone");
        SimulatedDisk after = disk.cutKeepingOnlyDurable();
        engine.close();

        try (FileStorageEngine reopened = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, after, after)) {
            assertThat(reopened.readAllMetadata()).doesNotContainKey("gone");
            assertThat(after.exists(DATA.resolve("streams/gone"))).isFalse();
            assertThat(readAll(reopened.shardLog("kept", 0))).isEqualTo(kept.get(0));
        }
    }

    @Test
    void aJournalWithEntriesOfAnUnknownKindOfLogIsNotOpenedRatherThanDropped() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        FileStorageEngine engine = FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, disk, disk);
        CompletableFuture<Void> appended = new CompletableFuture<>();
        engine.journal().append("tables/orders".getBytes(StandardCharsets.UTF_8),
                ByteBuffer.wrap("a row".getBytes(StandardCharsets.UTF_8)), 1, new JournalCallback() {
                    @Override
                    public void committed(int entries) {
                        appended.complete(null);
                    }

                    @Override
                    public Runnable failed(int entries, Exception cause) {
                        return () -> appended.completeExceptionally(cause);
                    }
                });
        appended.get(10, TimeUnit.SECONDS);
        SimulatedDisk after = disk.cutKeepingOnlyDurable();
        engine.close();

        assertThatThrownBy(() -> FileStorageEngine.open(DATA, SyncMode.FSYNC, NO_BACKGROUND_FLUSH, clock, after, after))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("holds entries for tables/orders, which this version does not know");
    }
}
