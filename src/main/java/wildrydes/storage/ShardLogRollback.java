package wildrydes.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cutting uncommitted appends back out of a {@link FileShardLog}: when the journal's group commit
 * fails (whether the bytes reached the disk is unknown), and when the journal refuses an entry.
 * Sequences stay contiguous and a failed append is never read; the committed end stays where it
 * was.
 */
final class ShardLogRollback {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLogRollback.class);

    private ShardLogRollback() {
    }

    /**
     * The log's oldest entries not yet committed failed in the journal: the first append not
     * journaled and every later one (their entries fail too) are cut from the files. Returns what
     * fails their futures, which the journal runs once it takes entries again.
     */
    static Runnable journalFailed(FileShardLog log, Exception cause) {
        List<PendingAppend> failed = new ArrayList<>();
        List<PendingAppend> committed;
        log.lock.lock();
        try {
            if (log.closed) {
                return () -> { };
            }
            log.commits.claim(); // what the journal made durable before the failure stays
            for (PendingAppend candidate : log.pending) {
                if (!candidate.journaled || !failed.isEmpty()) {
                    failed.add(candidate);
                }
            }
            log.pending.removeAll(failed);
            if (!failed.isEmpty()) {
                cutBack(log, failed.getFirst(), failed);
            }
            committed = log.commits.advance(); // and commits, unless it waits for a seal
        } finally {
            log.unlock();
        }
        ShardLogCommits.complete(committed);
        if (failed.isEmpty()) {
            return () -> { };
        }
        LOG.error("Journal commit for shard log {} failed; {} append(s) rolled back", log.directory, failed.size());
        StorageException failure = new StorageException("fsync of shard log " + log.directory + " failed", cause);
        return () -> {
            for (PendingAppend rolledBack : failed) {
                rolledBack.future().completeExceptionally(failure);
            }
        };
    }

    /** Under the log's lock: cuts {@code first} and the appends after it (none of them pending any more) from the files. */
    static void cutBack(FileShardLog log, PendingAppend first, List<PendingAppend> appends) {
        log.nextSequence = first.result().firstSequence();
        long lastKeptArrival = log.pending.isEmpty() ? log.committedState().latestArrivalMillis()
                : log.pending.peekLast().result().arrivalMillis();
        try {
            log.chain.cutBack(first.segment(), first.startPosition(), log.nextSequence, lastKeptArrival, first.sealed());
        } catch (IOException e) {
            log.unusableReason = "could not cut uncommitted appends from " + first.segment() + ": " + e;
            LOG.error("Shard log {} takes no appends until it is reopened: {}", log.directory, log.unusableReason, e);
        }
    }
}
