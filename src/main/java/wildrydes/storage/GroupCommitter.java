package wildrydes.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one fsync thread. Appenders only write to the OS and mark their log dirty; this
 * thread takes every dirty log at once, forces each dirty channel once, then commits each log
 * and completes its futures. Appends that arrive while it is forcing wait for the next round,
 * which therefore grows with the load: concurrent writers share fsyncs.
 *
 * <p>When a round holds several logs (a stream with many shards), their channels are forced in
 * parallel, so a round waits for the slowest fsync rather than for their sum. Each file still
 * needs its own fsync, and concurrent ones queue for the same device flushes (measured: p50
 * 1.7 ms each with about 11 at once, 0.3 ms alone; see bench/README.md), so a round's cost still
 * grows with the number of dirty shards.
 */
final class GroupCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private static final int PARALLEL_SYNCS = 16;

    private final FileSyncer syncer;
    private final ExecutorService parallelSyncs = Executors.newFixedThreadPool(PARALLEL_SYNCS - 1, r -> {
        Thread t = new Thread(r, "wildrydes-fsync-helper");
        t.setDaemon(true);
        return t;
    });
    private final Object monitor = new Object();
    private final Set<FileShardLog> dirtyLogs = new LinkedHashSet<>();
    private boolean stopping;
    private Thread thread;

    private GroupCommitter(FileSyncer syncer) {
        this.syncer = syncer;
    }

    static GroupCommitter start(FileSyncer syncer) {
        GroupCommitter committer = new GroupCommitter(syncer);
        committer.thread = Thread.ofPlatform().name("wildrydes-fsync").daemon().start(committer::run);
        return committer;
    }

    /** Called by appenders after writing: the log has something to commit. */
    void requestCommit(FileShardLog log) {
        synchronized (monitor) {
            if (dirtyLogs.add(log)) {
                monitor.notify();
            }
        }
    }

    /** Commits everything requested so far, then stops the thread. */
    void stop() {
        synchronized (monitor) {
            stopping = true;
            monitor.notify();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        parallelSyncs.shutdown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<FileShardLog> logs = new ArrayList<>();
        while (true) {
            synchronized (monitor) {
                while (dirtyLogs.isEmpty() && !stopping) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        // Nobody should interrupt this thread; stopping is signalled by the flag.
                    }
                }
                if (dirtyLogs.isEmpty()) {
                    return;
                }
                logs.addAll(dirtyLogs);
                dirtyLogs.clear();
            }
            commit(logs);
            logs.clear();
        }
    }

    /** Forces every round's channels, the rounds after the first on helper threads, and waits for all. */
    private void syncAll(List<CommitRound> rounds) {
        if (rounds.isEmpty()) {
            return;
        }
        CountDownLatch others = new CountDownLatch(rounds.size() - 1);
        for (int i = 1; i < rounds.size(); i++) {
            CommitRound round = rounds.get(i);
            parallelSyncs.execute(() -> {
                try {
                    round.sync(syncer);
                } finally {
                    others.countDown();
                }
            });
        }
        rounds.get(0).sync(syncer);
        boolean interrupted = false;
        while (true) {
            try {
                others.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the rounds must finish either way: their futures wait on them
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<FileShardLog> logs) {
        List<CommitRound> rounds = new ArrayList<>(logs.size());
        for (FileShardLog log : logs) {
            try {
                CommitRound round = log.beginCommit();
                if (round != null) {
                    rounds.add(round);
                }
            } catch (RuntimeException e) {
                LOG.error("Preparing the commit of {} failed", log, e);
            }
        }
        syncAll(rounds);
        for (CommitRound round : rounds) {
            try {
                round.log().endCommit(round);
            } catch (RuntimeException e) {
                LOG.error("Committing {} failed", round.log(), e);
            }
        }
    }
}
