package wildrydes.tables.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.storage.CommitBatching;

/**
 * Threads that commit their own batches of table writes ({@link CommitBatching}, as the server's
 * event loops do): one forced round per batch, run after it on the same thread; a batch that finds
 * a round under way is committed by that round's thread once it is done; nothing completes before
 * its force, and what completed is there after a reopen.
 */
class TableJournalBatchingTest {

    @TempDir
    Path directory;

    private final CountingSyncer syncer = new CountingSyncer();
    private final List<ExecutorService> loops = new ArrayList<>();
    private FileTableStore store;

    @BeforeEach
    void open() throws Exception {
        store = FileTableStore.open(directory, syncer);
        store.apply(List.of(new Mutation.PutKeyspace("t", b("")))).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        loops.forEach(ExecutorService::shutdownNow);
        store.close();
    }

    /** Forces for real and counts the journal's forces; they can be held until released. */
    private static final class CountingSyncer implements Syncer {
        final AtomicInteger forces = new AtomicInteger();
        volatile CountDownLatch hold;
        volatile CountDownLatch holding = new CountDownLatch(1);

        @Override
        public void force(FileChannel channel) throws IOException {
            forces.incrementAndGet();
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
            Syncer.SYSTEM.syncDirectory(directory);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A single thread that runs tasks in order, with batching installed: a stand-in for an event loop. */
    private ExecutorService loop(String name) throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        loops.add(loop);
        loop.submit(() -> CommitBatching.install(loop)).get(10, TimeUnit.SECONDS);
        return loop;
    }

    private CompletableFuture<Void> put(String key) {
        return store.apply(List.of(new Mutation.Put("t", b(key), b("v-" + key))));
    }

    @Test
    void aBatchOfWritesIsForcedOnceAfterItAndCompletesOnTheSameThread() throws Exception {
        ExecutorService loop = loop("test-loop");
        int forcesBefore = syncer.forces.get();
        List<CompletableFuture<String>> completedOn = new ArrayList<>();

        boolean anyDoneInBatch = loop.submit(() -> {
            List<CompletableFuture<Void>> written = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                CompletableFuture<Void> future = put("k" + i);
                written.add(future);
                completedOn.add(future.thenApply(done -> Thread.currentThread().getName()));
            }
            return written.stream().anyMatch(CompletableFuture::isDone);
        }).get(10, TimeUnit.SECONDS);

        for (CompletableFuture<String> thread : completedOn) {
            assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("test-loop");
        }
        assertThat(anyDoneInBatch).as("completed before the batch's force").isFalse();
        assertThat(syncer.forces.get() - forcesBefore).as("forces for one batch of 50 writes").isEqualTo(1);
    }

    @Test
    void aBatchThatFindsARoundUnderWayIsCommittedByThatRoundsThreadAndNothingCompletesBeforeItsForce() throws Exception {
        ExecutorService first = loop("first-loop");
        ExecutorService second = loop("second-loop");
        syncer.hold = new CountDownLatch(1);

        CompletableFuture<Void> held = first.submit(() -> put("held")).get(10, TimeUnit.SECONDS);
        assertThat(syncer.holding.await(10, TimeUnit.SECONDS)).as("the first loop is in its force").isTrue();
        CompletableFuture<String> later = second.submit(() -> put("later")).get(10, TimeUnit.SECONDS)
                .thenApply(done -> Thread.currentThread().getName());
        second.submit(() -> { }).get(10, TimeUnit.SECONDS); // its round found the first one's and left it to that one

        assertThat(held).isNotDone();
        assertThat(later).isNotDone();
        CountDownLatch release = syncer.hold;
        syncer.hold = null;
        release.countDown();
        held.get(10, TimeUnit.SECONDS);
        // The commit thread may take it instead if the hold outlasted the grace; the second loop never waits.
        assertThat(later.get(10, TimeUnit.SECONDS)).isIn("first-loop", "wildrydes-tables-fsync");
    }

    @Test
    void writesOfAThreadWhoseRoundNeverRunsAreCommittedByTheCommitThreadAfterTheGrace() throws Exception {
        List<Runnable> neverRun = new ArrayList<>();
        CompletableFuture<CompletableFuture<Void>> written = new CompletableFuture<>();
        long started = System.nanoTime();
        Thread.ofPlatform().start(() -> {
            CommitBatching.install(neverRun::add); // an executor that was told to stop, or runs tasks only when asked
            written.complete(put("stranded"));
        });

        String completedOn = written.get(10, TimeUnit.SECONDS).thenApply(done -> Thread.currentThread().getName())
                .get(10, TimeUnit.SECONDS);

        assertThat(neverRun).as("a round was scheduled and never ran").hasSize(1);
        assertThat(completedOn).isEqualTo("wildrydes-tables-fsync");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(Journal.OWNER_GRACE_MILLIS);
    }

    @Test
    void loopsAndPlainThreadsWritingTogetherKeepEveryCompletedWriteAcrossAReopen() throws Exception {
        List<ExecutorService> batchers = List.of(loop("loop-0"), loop("loop-1"), loop("loop-2"));
        ExecutorService plain = Executors.newFixedThreadPool(3);
        loops.add(plain);
        List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
        for (int b = 0; b < 200; b++) {
            int batch = b;
            ExecutorService on = b % 2 == 0 ? batchers.get(b % 3) : plain;
            submitted.add(on.submit(() -> {
                List<CompletableFuture<Void>> futures = new ArrayList<>();
                for (int i = 0; i < 1 + batch % 7; i++) {
                    futures.add(put("b" + batch + "-" + i));
                }
                return futures;
            }));
        }
        int writes = 0;
        for (Future<List<CompletableFuture<Void>>> batch : submitted) {
            for (CompletableFuture<Void> future : batch.get(30, TimeUnit.SECONDS)) {
                future.get(30, TimeUnit.SECONDS);
                writes++;
            }
        }
        loops.forEach(ExecutorService::shutdownNow);
        loops.clear();

        store.close();
        store = FileTableStore.open(directory, syncer);
        assertThat(store.keyspace("t").count()).isEqualTo(writes);
        assertThat(store.keyspace("t").get(b("b198-2"))).isEqualTo(b("v-b198-2"));
    }
}
