package wildrydes.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a {@link FileShardLog}'s appends become committed: the journal tells the log, once per
 * group commit, how many of its entries became durable; the appends are then committed in order,
 * each once it is journaled and, if it sealed a segment, once that segment is durable and indexed.
 * The committing thread (the journal's commit thread or an event loop) never waits for the log's
 * lock: it adds to a count that it claims itself if the lock is free, and that whoever holds the
 * lock claims on release otherwise (see {@link FileShardLog#unlock()}), so appenders and the
 * committing thread do not park on each other
 * (they did, measured with JFR: 256 shards written at once had event loops parked about 1 s of
 * every second on the shard logs' locks, and the commit thread 0.25 s).
 */
final class ShardLogCommits implements JournalCallback {

    private final FileShardLog log;
    /** Appends the journal made durable that no lock holder has claimed yet. */
    private final AtomicInteger journaledUnclaimed = new AtomicInteger();

    ShardLogCommits(FileShardLog log) {
        this.log = log;
    }

    /** On the commit thread: the next {@code entries} appends' entries are durable. */
    @Override
    public void committed(int entries) {
        journaledUnclaimed.addAndGet(entries);
        commitIfFree();
    }

    @Override
    public Runnable failed(int entries, Exception cause) {
        return ShardLogRollback.journalFailed(log, cause);
    }

    /** Commits the appends the journal made durable, unless another thread holds the lock (it will, on release). */
    void commitIfFree() {
        while (journaledUnclaimed.get() > 0 && log.lock.tryLock()) {
            List<PendingAppend> ready;
            try {
                if (log.closed) {
                    journaledUnclaimed.set(0); // close() committed what it could; the rest was abandoned
                    return;
                }
                ready = advance();
            } finally {
                log.lock.unlock();
            }
            complete(ready);
        }
    }

    /** Under the lock: marks the appends the journal made durable since the last claim. */
    void claim() {
        int entries = journaledUnclaimed.getAndSet(0);
        for (PendingAppend append : log.pending) {
            if (entries == 0) {
                break;
            }
            if (!append.journaled) {
                append.journaled = true;
                entries--;
            }
        }
    }

    /**
     * Under the lock: commits the appends at the head that are journaled and wait for no seal,
     * in order, and asks the flusher for what the rest need. Returns them, to complete outside
     * the lock.
     */
    List<PendingAppend> advance() {
        claim();
        List<PendingAppend> ready = null;
        while (!log.pending.isEmpty()) {
            PendingAppend head = log.pending.peekFirst();
            if (!head.journaled) {
                break;
            }
            if (head.sealed() != null && log.chain.awaitsSeal(head.sealed())) {
                if (!head.sealRequested) {
                    head.sealRequested = true;
                    log.flusher.request(log);
                }
                break;
            }
            log.pending.pollFirst();
            log.committed = new CommittedState(head.endSequence(), head.result().arrivalMillis());
            log.committedSegment = head.segment();
            log.committedPosition = head.endPosition();
            if (ready == null) {
                ready = new ArrayList<>(log.pending.size() + 1);
            }
            ready.add(head);
        }
        if (ready != null && !log.checkpointRequested && log.unusableReason == null
                && log.committedPosition - log.committedSegment.indexedLength() >= log.options.checkpointIntervalBytes()) {
            log.checkpointRequested = true;
            log.flusher.request(log);
        }
        return ready == null ? List.of() : ready;
    }

    static void complete(List<PendingAppend> ready) {
        for (PendingAppend append : ready) {
            append.future().complete(append.result());
        }
    }
}
