package wildrydes.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's background thread, {@code wildrydes-flush}: it makes the logs' own files durable
 * behind the journal, so that nothing on the write path waits for them. It
 * <ul>
 *   <li>finishes a sealed segment (fsync, its index file, the directory) once the append that
 *       sealed it is committed; that append, and the log's later ones, complete after it;</li>
 *   <li>writes a log's checkpoint (fsync of the active segment, then its index file) once
 *       {@link StorageOptions#checkpointIntervalBytes()} more of it is committed;</li>
 *   <li>checkpoints the journal (see {@link Journal}): fsyncs every log written since the last
 *       journal checkpoint, then lets the journal forget what lies before.</li>
 * </ul>
 * A failed fsync here stops journal checkpoints for good (until the store is reopened): the
 * journal then keeps everything the logs may have lost, and replays it on the next open.
 */
final class Flusher {

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

    /** Null with {@link SyncMode#NONE}: no journal to checkpoint. */
    private final Journal journal;
    private final long intervalNanos;
    private final Object monitor = new Object();
    // Guarded by monitor.
    private final Set<FileShardLog> requests = new LinkedHashSet<>();
    private boolean journalCheckpointWanted;
    private boolean stopping;
    private final Set<FileShardLog> dirty = ConcurrentHashMap.newKeySet();
    private volatile boolean checkpointsStopped;
    private long lastCheckpointNanos = System.nanoTime();
    private Thread thread;

    Flusher(Journal journal, StorageOptions options) {
        this.journal = journal;
        this.intervalNanos = options.journalCheckpointInterval().toNanos();
    }

    void start() {
        thread = Thread.ofPlatform().name("wildrydes-flush").daemon().start(this::run);
    }

    /** The log has a seal to finish or a checkpoint to write (see {@link ShardLogFlush#flushRequested}). */
    void request(FileShardLog log) {
        synchronized (monitor) {
            if (requests.add(log)) {
                monitor.notify();
            }
        }
    }

    /** The log was written since the last journal checkpoint, which must therefore fsync it. */
    void markDirty(FileShardLog log) {
        dirty.add(log);
    }

    /** Enough was committed since the last journal checkpoint. Called on the thread that committed. */
    void journalCheckpointWanted() {
        synchronized (monitor) {
            if (!journalCheckpointWanted) {
                journalCheckpointWanted = true;
                monitor.notify();
            }
        }
    }

    /** The log was closed with the rest of its stream: nothing more to do for it. */
    void forget(FileShardLog log) {
        dirty.remove(log);
        synchronized (monitor) {
            requests.remove(log);
        }
    }

    /** Whether a failed fsync has stopped journal checkpoints (for tests and metrics). */
    boolean checkpointsStopped() {
        return checkpointsStopped;
    }

    /**
     * Does what is asked, takes a last journal checkpoint (so that a clean restart replays
     * nothing) and stops the thread. Call it once the journal has committed its last entries.
     */
    void stop() {
        synchronized (monitor) {
            stopping = true;
            monitor.notify();
        }
        if (thread == null) {
            return;
        }
        Threads.joinUninterruptibly(thread);
    }

    private void run() {
        while (true) {
            List<FileShardLog> asked;
            boolean checkpoint;
            boolean last;
            synchronized (monitor) {
                while (requests.isEmpty() && !journalCheckpointWanted && !stopping && !intervalElapsed()) {
                    try {
                        long waitNanos = Math.max(1, intervalNanos - (System.nanoTime() - lastCheckpointNanos));
                        TimeUnit.NANOSECONDS.timedWait(monitor, waitNanos);
                    } catch (InterruptedException e) {
                        // Nobody should interrupt this thread; stopping is signalled by the flag.
                    }
                }
                asked = new ArrayList<>(requests);
                requests.clear();
                checkpoint = journalCheckpointWanted || stopping || intervalElapsed();
                journalCheckpointWanted = false;
                last = stopping && asked.isEmpty();
            }
            for (FileShardLog log : asked) {
                try {
                    ShardLogFlush.flushRequested(log);
                } catch (RuntimeException e) {
                    LOG.error("Flushing {} failed", log, e);
                }
            }
            if (checkpoint) {
                checkpointJournal();
            }
            if (last) {
                return;
            }
        }
    }

    private boolean intervalElapsed() {
        return System.nanoTime() - lastCheckpointNanos >= intervalNanos;
    }

    /** Fsyncs every log written since the last checkpoint, then moves the journal's checkpoint to what was durable before. */
    private void checkpointJournal() {
        lastCheckpointNanos = System.nanoTime();
        if (journal == null || checkpointsStopped || journal.bytesSinceCheckpoint() == 0) {
            return;
        }
        long position = journal.durableEnd();
        for (FileShardLog log : List.copyOf(dirty)) {
            dirty.remove(log);
            try {
                ShardLogFlush.flushForJournalCheckpoint(log);
            } catch (IOException | RuntimeException e) {
                stopCheckpoints("fsync of " + log + " failed", e);
                dirty.add(log);
                return;
            }
        }
        try {
            journal.checkpoint(position);
        } catch (IOException | RuntimeException e) {
            stopCheckpoints("writing the journal checkpoint failed", e);
        }
    }

    /** A flush failed: what the logs hold on disk is unknown, so the journal must keep everything from now on. */
    void stopCheckpoints(String why, Exception cause) {
        if (!checkpointsStopped) {
            checkpointsStopped = true;
            LOG.error("{}; the journal keeps everything from now on and is replayed when the storage is opened again "
                    + "(restart the server soon: the journal grows until then)", why, cause);
        }
    }
}
