package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.storage.TestRecords.readAll;
import static wildrydes.storage.TestRecords.record;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/**
 * Threads that commit their own batches ({@link CommitBatching}, as the server's event loops do):
 * one group commit per batch, run after the batch on the same thread; a batch that finds another
 * commit under way is committed by that thread once it is done; nothing is acknowledged before its
 * fdatasync.
 */
class CommitBatchingTest {

    @TempDir
    Path dataDirectory;

    private final TestClock clock = TestClock.at(1_700_000_000_000L);
    private final List<FileStorageEngine> opened = new ArrayList<>();
    private final List<ExecutorService> loops = new ArrayList<>();

    @AfterEach
    void close() {
        loops.forEach(ExecutorService::shutdownNow);
        opened.forEach(FileStorageEngine::close);
    }

    private FileStorageEngine open(FileSyncer syncer) {
        FileStorageEngine engine = FileStorageEngine.open(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults(), clock, syncer);
        opened.add(engine);
        return engine;
    }

    /** A single thread that runs tasks in order, with batching installed: a stand-in for an event loop. */
    private ExecutorService loop() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-loop"));
        loops.add(loop);
        loop.submit(() -> CommitBatching.install(loop)).get(10, TimeUnit.SECONDS);
        return loop;
    }

    /** Forces for real; the journal's forces can be held until released. */
    private static final class HoldingSyncer implements FileSyncer {
        volatile CountDownLatch hold;
        final CountDownLatch holding = new CountDownLatch(1);

        @Override
        public void force(FileChannel channel) throws IOException {
            CountDownLatch latch = hold;
            if (latch != null) {
                holding.countDown();
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            channel.force(false);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            FileSyncer.SYSTEM.syncDirectory(directory);
        }
    }

    @Test
    void aBatchIsCommittedOnceAfterItOnTheSameThreadWithOneFdatasync() throws Exception {
        FileStorageEngine engine = open(FileSyncer.SYSTEM);
        ShardLog first = engine.shardLog("rides", 0);
        ShardLog second = engine.shardLog("rides", 1);
        ExecutorService loop = loop();
        long commitsBefore = engine.stats().journalCommits();

        List<CompletableFuture<AppendResult>> appended = new ArrayList<>();
        List<CompletableFuture<String>> completedOn = new ArrayList<>();
        boolean anyDoneInBatch = loop.submit(() -> {
            for (int i = 0; i < 50; i++) {
                CompletableFuture<AppendResult> future = (i % 2 == 0 ? first : second).append(List.of(record("k", "r" + i)));
                appended.add(future);
                completedOn.add(future.thenApply(result -> Thread.currentThread().getName()));
            }
            return appended.stream().anyMatch(CompletableFuture::isDone);
        }).get(10, TimeUnit.SECONDS);

        for (CompletableFuture<String> thread : completedOn) {
            assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("test-loop");
        }
        assertThat(anyDoneInBatch).as("acknowledged before the batch's commit").isFalse();
        assertThat(engine.stats().journalCommits() - commitsBefore).as("group commits for one batch of 50").isEqualTo(1);
        assertThat(first.committedEnd()).isEqualTo(25);
        assertThat(second.committedEnd()).isEqualTo(25);
        assertThat(readAll(first)).extracting(Rec::sequence).containsExactlyElementsOf(range(25));
    }

    @Test
    void aBatchThatFindsACommitUnderWayIsCommittedByThatThreadAndNothingIsAcknowledgedBeforeItsFdatasync() throws Exception {
        HoldingSyncer syncer = new HoldingSyncer();
        FileStorageEngine engine = open(syncer);
        ShardLog log = engine.shardLog("rides", 0);
        ExecutorService loop = loop();
        syncer.hold = new CountDownLatch(1);

        CompletableFuture<AppendResult> plain = log.append(List.of(record("k", "from a plain thread")));
        assertThat(syncer.holding.await(10, TimeUnit.SECONDS)).as("the commit thread is in its fdatasync").isTrue();
        CompletableFuture<AppendResult> batched = loop.submit(() -> log.append(List.of(record("k", "from the loop"))))
                .get(10, TimeUnit.SECONDS);
        loop.submit(() -> { }).get(10, TimeUnit.SECONDS); // the loop's commit task has run, and left it to the holder
        Thread.sleep(50);

        assertThat(plain).isNotDone();
        assertThat(batched).isNotDone();
        assertThat(log.committedEnd()).isZero();
        CountDownLatch release = syncer.hold;
        syncer.hold = null;
        release.countDown();
        assertThat(plain.get(10, TimeUnit.SECONDS).firstSequence()).isZero();
        assertThat(batched.get(10, TimeUnit.SECONDS).firstSequence()).isEqualTo(1);
        assertThat(log.committedEnd()).isEqualTo(2);
    }

    @Test
    void appendsOfAThreadWhoseCommitTaskNeverRunsAreCommittedByTheCommitThreadAfterTheGrace() throws Exception {
        FileStorageEngine engine = open(FileSyncer.SYSTEM);
        ShardLog log = engine.shardLog("rides", 0);
        List<Runnable> neverRun = new ArrayList<>();
        CompletableFuture<CompletableFuture<AppendResult>> appended = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            CommitBatching.install(neverRun::add); // an executor that was told to stop, or only runs tasks when asked
            appended.complete(log.append(List.of(record("k", "stranded"))));
        });

        AppendResult result = appended.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);

        assertThat(neverRun).as("a commit task was scheduled and never ran").hasSize(1);
        assertThat(result.firstSequence()).isZero();
        assertThat(log.committedEnd()).isEqualTo(1);
    }

    @Test
    void loopsAndPlainThreadsAppendingTogetherGetEveryRecordCommittedInOrder() throws Exception {
        FileStorageEngine engine = open(FileSyncer.SYSTEM);
        ShardLog log = engine.shardLog("rides", 0);
        List<ExecutorService> batchers = List.of(loop(), loop(), loop());
        ExecutorService plain = Executors.newFixedThreadPool(3);
        loops.add(plain);
        int batches = 200;
        List<Future<List<CompletableFuture<AppendResult>>>> submitted = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            int batch = b;
            ExecutorService on = b % 2 == 0 ? batchers.get(b % 3) : plain;
            submitted.add(on.submit(() -> {
                List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
                for (int i = 0; i < 1 + batch % 7; i++) {
                    futures.add(log.append(List.of(record("k" + i, "b" + batch + "-" + i))));
                }
                return futures;
            }));
        }
        int records = 0;
        for (Future<List<CompletableFuture<AppendResult>>> batch : submitted) {
            for (CompletableFuture<AppendResult> future : batch.get(30, TimeUnit.SECONDS)) {
                future.get(30, TimeUnit.SECONDS);
                records++;
            }
        }

        assertThat(log.committedEnd()).isEqualTo(records);
        assertThat(readAll(log)).extracting(Rec::sequence).containsExactlyElementsOf(range(records));
    }

    private static List<Long> range(int n) {
        List<Long> sequences = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            sequences.add(i);
        }
        return sequences;
    }
}
