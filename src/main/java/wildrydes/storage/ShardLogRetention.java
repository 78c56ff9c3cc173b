package wildrydes.storage;

import java.util.List;

/**
 * Retention for a {@link FileShardLog}: {@link ShardLog#trimBefore} moves the trim horizon
 * exactly (reads never return a trimmed record) and deletes the segments that hold only trimmed
 * records; when every record of the active segment is trimmed and none is pending, it is replaced
 * by an empty one so that its space comes back too. The horizon itself is not stored: after a
 * restart the log starts at its oldest remaining segment, so trimmed records of a partly trimmed
 * segment can be read again until the next trim, which callers run at start and periodically.
 */
final class ShardLogRetention {

    private ShardLogRetention() {
    }

    /** Called with the log's trim lock held (one trim at a time); takes its lock for the changes. */
    static long trimBefore(FileShardLog log, long cutoffMillis) {
        long horizon = log.sequenceAtOrAfter(cutoffMillis);
        List<Segment> removed;
        long dropped;
        log.lock.lock();
        try {
            if (log.closed) {
                return 0;
            }
            dropped = Math.max(0, horizon - log.firstSequence);
            if (dropped > 0) {
                log.firstSequence = horizon;
            }
            // A segment awaiting its seal may be being flushed: it goes next time.
            removed = log.chain.removeBefore(log.firstSequence);
            if (log.chain.active().recordCount() > 0 && log.firstSequence >= log.nextSequence && log.pending.isEmpty()
                    && !log.chain.anyAwaitingSeal() && log.acceptingAppends && log.unusableReason == null) {
                removed.addAll(log.chain.replaceTrimmedActive(log.nextSequence));
                log.committedUpTo(log.nextSequence, log.committedState().latestArrivalMillis());
            }
        } finally {
            log.unlock();
        }
        log.chain.deleteAll(removed);
        return dropped;
    }
}
