package wildrydes.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one fsync thread. Appenders only write to the OS and mark their log dirty; this
 * thread takes every dirty log at once, forces each dirty channel once, then commits each log
 * and completes its futures. Appends that arrive while it is forcing wait for the next round,
 * which therefore grows with the load: concurrent writers share fsyncs.
 */
final class GroupCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final FileSyncer syncer;
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
        for (CommitRound round : rounds) {
            round.sync(syncer);
        }
        for (CommitRound round : rounds) {
            try {
                round.log().endCommit(round);
            } catch (RuntimeException e) {
                LOG.error("Committing {} failed", round.log(), e);
            }
        }
    }
}
