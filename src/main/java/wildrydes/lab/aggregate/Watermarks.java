package wildrydes.lab.aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the aggregation's time has certainly come: the watermark. A window ends once the
 * watermark passes its end, and a record whose window has ended is late. The stream's
 * watermark is the smallest of its shards' (each shard is read in order on its own), never
 * moving back:
 * <ul>
 * <li>Arrival time: a shard's watermark is the latest arrival it has delivered, or the moment a
 *     read found it caught up (MillisBehindLatest 0: nothing newer was in it), whichever is
 *     later, minus the grace. Arrival times grow along a shard, so the grace only has to cover
 *     records whose arrival was stamped but which were not yet readable (in flight) and small
 *     clock differences. An idle shard thus moves on with the clock, and windows close even
 *     when no record comes.</li>
 * <li>Event time: the largest event time a shard has delivered, minus the maximum lateness. A
 *     shard that is caught up and has brought no record for {@value #IDLE_MILLIS} ms is left
 *     out (idle), so a quiet shard does not hold the others back.</li>
 * </ul>
 * A shard that has started but delivered nothing holds the watermark back (its backlog may be
 * old); a shard read to its end keeps holding it until all its children have started.
 */
final class Watermarks {
    static final long IDLE_MILLIS = 10_000;
    static final long NONE = Long.MIN_VALUE;

    /** What is known of one shard. */
    static final class Shard {
        private boolean delivered;
        private long maxTime = NONE;
        private long caughtUpAt = NONE;
        private boolean caughtUp;
        private long lastRecordAt = NONE;
        private boolean ended;
        private List<String> children = List.of();
    }

    private final boolean arrival;
    private final long delay;
    private final Map<String, Shard> shards = new HashMap<>();
    private long watermark;

    /** @param restored the watermark a resumed aggregation had reached; {@link #NONE} for a new one */
    Watermarks(boolean arrival, long delayMillis, long restored) {
        this.arrival = arrival;
        this.delay = delayMillis;
        this.watermark = restored;
    }

    /** The tail starts reading a shard. */
    Shard started(String shardId) {
        return shards.computeIfAbsent(shardId, id -> new Shard());
    }

    Shard shard(String shardId) {
        return started(shardId);
    }

    /** A record of the shard with this time (arrival or event, wall-clock milliseconds) was taken in. */
    void observe(Shard shard, long time, long now) {
        shard.delivered = true;
        if (time > shard.maxTime) {
            shard.maxTime = time;
            if (time - delay > watermark) {
                recompute(now);
            }
        }
    }

    /** A batch of the shard was handled: whether the read found the shard's tip, when it came, whether it held rows. */
    void batchDone(Shard shard, boolean caughtUp, long receivedAt, boolean hadRows) {
        shard.delivered = true;
        shard.caughtUp = caughtUp;
        if (caughtUp) {
            shard.caughtUpAt = Math.max(shard.caughtUpAt, receivedAt);
        }
        if (hadRows) {
            shard.lastRecordAt = receivedAt;
        }
        recompute(receivedAt);
    }

    /** The shard was read to its end; its children take over once they have started. */
    void ended(String shardId, List<String> children, long now) {
        Shard shard = started(shardId);
        shard.ended = true;
        shard.children = List.copyOf(children);
        recompute(now);
    }

    /** The watermark now (wall-clock milliseconds), {@link #NONE} before anything is known. */
    long current(long now) {
        recompute(now);
        return watermark;
    }

    /** The watermark as last computed. */
    long current() {
        return watermark;
    }

    private void recompute(long now) {
        long lowest = Long.MAX_VALUE;
        for (Shard shard : shards.values()) {
            if (handedOver(shard)) {
                continue;
            }
            long mark = watermarkOf(shard, now);
            if (mark != Long.MAX_VALUE) {
                lowest = Math.min(lowest, mark);
            }
        }
        if (lowest != Long.MAX_VALUE && lowest > watermark) {
            watermark = lowest;
        }
    }

    /** A shard's own watermark; {@link #NONE} holds everything back, Long.MAX_VALUE leaves it out. */
    private long watermarkOf(Shard shard, long now) {
        if (!shard.delivered) {
            return NONE;
        }
        if (arrival) {
            long seen = Math.max(shard.maxTime, shard.caughtUpAt);
            return seen == NONE ? NONE : seen - delay;
        }
        boolean idle = shard.caughtUp && (shard.lastRecordAt == NONE || now - shard.lastRecordAt > IDLE_MILLIS);
        if (idle) {
            return Long.MAX_VALUE;
        }
        return shard.maxTime == NONE ? NONE : shard.maxTime - delay;
    }

    private boolean handedOver(Shard shard) {
        if (!shard.ended) {
            return false;
        }
        for (String child : shard.children) {
            if (!shards.containsKey(child)) {
                return false;
            }
        }
        return true;
    }
}
