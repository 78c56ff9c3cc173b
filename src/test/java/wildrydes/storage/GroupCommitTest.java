package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wildrydes.storage.TestRecords.append;
import static wildrydes.storage.TestRecords.readAll;
import static wildrydes.storage.TestRecords.record;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/** Appends with {@link SyncMode#FSYNC}: shared fsyncs, completion off the caller's thread, fsync failures. */
class GroupCommitTest {

    @TempDir
    Path dataDirectory;

    private final TestClock clock = TestClock.at(1_700_000_000_000L);
    private final List<FileStorageEngine> opened = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        opened.forEach(FileStorageEngine::close);
    }

    private FileStorageEngine open(StorageOptions options, FileSyncer syncer) {
        FileStorageEngine engine = FileStorageEngine.open(dataDirectory, SyncMode.FSYNC, options, clock, syncer);
        opened.add(engine);
        return engine;
    }

    /** Forces for real, but can be told to hold every force until released, or to fail the next one. */
    private static final class ControllableSyncer implements FileSyncer {
        private volatile CountDownLatch hold;
        private final AtomicBoolean failNext = new AtomicBoolean();

        @Override
        public void force(FileChannel channel) throws IOException {
            CountDownLatch latch = hold;
            if (latch != null) {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failNext.compareAndSet(true, false)) {
                throw new IOException("injected fsync failure");
            }
            channel.force(false);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            FileSyncer.SYSTEM.syncDirectory(directory);
        }
    }

    @Test
    void concurrentWritersShareFsyncs() throws Exception {
        FileStorageEngine engine = open(StorageOptions.defaults(), FileSyncer.SYSTEM);
        ShardLog log = engine.shardLog("rides", 0);
        int threads = 32;
        int appendsPerThread = 200;
        long fsyncsBefore = engine.fsyncCount();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < appendsPerThread; i++) {
                    log.append(List.of(record("t" + thread, "r" + i))).join();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        int appends = threads * appendsPerThread;
        long fsyncs = engine.fsyncCount() - fsyncsBefore;
        assertThat(log.committedEnd()).isEqualTo(appends);
        assertThat(fsyncs).as("fsyncs for %d appends", appends).isPositive().isLessThan(appends / 4);
    }

    @Test
    void appendReturnsAtOnceAndItsRecordIsReadableOnlyAfterTheFsync() throws Exception {
        ControllableSyncer syncer = new ControllableSyncer();
        ShardLog log = open(StorageOptions.defaults(), syncer).shardLog("rides", 0);
        append(log, record("k", "committed"));
        CountDownLatch hold = new CountDownLatch(1);
        syncer.hold = hold;

        long before = System.nanoTime();
        CompletableFuture<AppendResult> future = log.append(List.of(record("k", "waiting")));
        CompletableFuture<String> completingThread = future.thenApply(result -> Thread.currentThread().getName());
        long appendNanos = System.nanoTime() - before;
        Thread.sleep(100);

        assertThat(appendNanos).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(future).isNotDone();
        assertThat(log.committedEnd()).isEqualTo(1);
        assertThat(readAll(log)).extracting(Rec::dataHex).containsExactly("636f6d6d6974746564");
        hold.countDown();
        syncer.hold = null;
        // Wait on the dependent first: future.get() may itself run pending dependents on this thread.
        assertThat(completingThread.get(10, TimeUnit.SECONDS)).isEqualTo("wildrydes-fsync");
        assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo(new AppendResult(1, 1, clock.millis()));
        assertThat(log.committedEnd()).isEqualTo(2);
    }

    @Test
    void aFailedFsyncFailsItsAppendsKeepsTheCommittedEndAndTheSequencesGoOn() throws Exception {
        ControllableSyncer syncer = new ControllableSyncer();
        FileStorageEngine engine = open(StorageOptions.defaults(), syncer);
        ShardLog log = engine.shardLog("rides", 0);
        append(log, record("k", "a"));
        syncer.failNext.set(true);

        CompletableFuture<AppendResult> failed = log.append(List.of(record("k", "b"), record("k", "c")));

        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StorageException.class)
                .hasRootCauseMessage("injected fsync failure");
        assertThat(log.committedEnd()).isEqualTo(1);
        assertThat(readAll(log)).extracting(Rec::dataHex).containsExactly("61");
        assertThat(append(log, record("k", "d")).firstSequence()).isEqualTo(1);
        engine.close();
        assertThat(readAll(open(StorageOptions.defaults(), syncer).shardLog("rides", 0)))
                .extracting(Rec::sequence, Rec::dataHex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, "61"), org.assertj.core.groups.Tuple.tuple(1L, "64"));
    }

    @Test
    void aFailedFsyncAfterASegmentRollCutsTheNewSegmentBack() {
        ControllableSyncer syncer = new ControllableSyncer();
        StorageOptions tiny = StorageOptions.defaults().withSegmentMaxBytes(10);
        FileStorageEngine engine = open(tiny, syncer);
        ShardLog log = engine.shardLog("rides", 0);
        append(log, record("k", "a"));
        syncer.failNext.set(true);

        CompletableFuture<AppendResult> failed = log.append(List.of(record("k", "b")));

        assertThatThrownBy(failed::join).hasCauseInstanceOf(StorageException.class);
        assertThat(append(log, record("k", "c")).firstSequence()).isEqualTo(1);
        assertThat(append(log, record("k", "d")).firstSequence()).isEqualTo(2);
        engine.close();
        assertThat(readAll(open(tiny, syncer).shardLog("rides", 0))).extracting(Rec::dataHex).containsExactly("61", "63", "64");
    }

    @Test
    void closeCommitsTheAppendsStillPending() {
        FileStorageEngine engine = open(StorageOptions.defaults(), FileSyncer.SYSTEM);
        ShardLog log = engine.shardLog("rides", 0);
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(log.append(List.of(record("k", "r" + i))));
        }

        engine.close();

        assertThat(futures).allSatisfy(future -> assertThat(future).isCompleted());
        assertThat(futures.getLast().join().firstSequence()).isEqualTo(499);
        assertThat(readAll(open(StorageOptions.defaults(), FileSyncer.SYSTEM).shardLog("rides", 0))).hasSize(500);
    }

    @Test
    void manyShardsAreCommittedTogether() throws Exception {
        FileStorageEngine engine = open(StorageOptions.defaults(), FileSyncer.SYSTEM);
        List<ShardLog> logs = new ArrayList<>();
        for (int shard = 0; shard < 8; shard++) {
            logs.add(engine.shardLog("rides", shard));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (ShardLog log : logs) {
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    log.append(List.of(record("k", "r" + i))).join();
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(logs).allSatisfy(log -> assertThat(log.committedEnd()).isEqualTo(100));
    }

    /**
     * The commit thread hands a log's durable appends to whoever holds its lock; the flusher takes
     * that lock for every checkpoint and seal it is asked for (here after every few appends), and
     * must commit what it is handed too. Each append is given 30 s, so a lost hand-off fails
     * rather than hangs.
     */
    @Test
    void everyAppendCompletesWhileTheFlusherCheckpointsAndSealsAlongside() throws Exception {
        // A checkpoint every few appends, of an index with an entry per record (so the flusher
        // holds the lock a while), and segments that roll now and then.
        StorageOptions busyFlusher = StorageOptions.defaults().withCheckpointIntervalBytes(200).withIndexIntervalBytes(1)
                .withSegmentMaxBytes(256 * 1024).withPreallocateBytes(0);
        FileStorageEngine engine = open(busyFlusher, FileSyncer.SYSTEM);
        ShardLog log = engine.shardLog("rides", 0);
        int writers = 2;
        int appendsEach = 4_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < appendsEach; i++) {
                        log.append(List.of(record("w" + writer, "ride " + i))).get(30, TimeUnit.SECONDS);
                    }
                    return appendsEach;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(5, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(writers * appendsEach);
            assertThat(readAll(log)).hasSize(writers * appendsEach);
        } finally {
            pool.shutdownNow();
        }
    }
}
