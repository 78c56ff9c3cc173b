package wildrydes.stream;

import wildrydes.storage.ShardLog;

/**
 * One shard of a stream: its hash key range, lineage and log. A shard is open until
 * resharding closes it; a closed shard keeps the position of its last record.
 */
public final class Shard {
    private final int index;
    private final String id;
    private final HashKeyRange hashKeyRange;
    private final String parentShardId;
    private final String adjacentParentShardId;
    private final long createdMillis;
    private final ShardLog log;
    private final CommitSignal commits = new CommitSignal();
    private volatile long closedEnd = -1; // -1 while open
    private volatile long closedMillis = -1;
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicInteger appendsInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final ShardThroughput throughput = new ShardThroughput();
    private int busySeconds; // consecutive seconds near the write limit, for on-demand scaling

    public Shard(int index, HashKeyRange hashKeyRange, String parentShardId, String adjacentParentShardId,
                 long createdMillis, ShardLog log) {
        this.index = index;
        this.id = ShardIds.of(index);
        this.hashKeyRange = hashKeyRange;
        this.parentShardId = parentShardId;
        this.adjacentParentShardId = adjacentParentShardId;
        this.createdMillis = createdMillis;
        this.log = log;
    }

    public int index() {
        return index;
    }

    public String id() {
        return id;
    }

    public HashKeyRange hashKeyRange() {
        return hashKeyRange;
    }

    public String parentShardId() {
        return parentShardId;
    }

    public String adjacentParentShardId() {
        return adjacentParentShardId;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public ShardLog log() {
        return log;
    }

    ShardThroughput throughput() {
        return throughput;
    }

    /** Counts a second near the write limit (or resets the count); returns how many in a row. */
    int busySeconds(boolean busy) {
        busySeconds = busy ? busySeconds + 1 : 0;
        return busySeconds;
    }

    public boolean isOpen() {
        return closedEnd < 0;
    }

    /** For a closed shard, the position after its last record; -1 while open. */
    public long closedEnd() {
        return closedEnd;
    }

    /** When the shard was closed (epoch millis), or -1 while open. */
    public long closedMillis() {
        return closedMillis;
    }

    void close(long endExclusive, long atMillis) {
        this.closing = true;
        this.closedEnd = endExclusive;
        this.closedMillis = atMillis;
        commits.fire(); // subscribers at the end of the shard now deliver its end
    }

    /** Signalled after every commit to this shard and when it closes. */
    public CommitSignal commits() {
        return commits;
    }

    /** Whether new records may be routed here: open and not being closed. */
    boolean acceptsWrites() {
        return !closing;
    }

    /**
     * Registers an append about to start; false if the shard is closing, and the writer must
     * route again. Paired with {@link #exitAppend()}. With {@link #closeForWrites()} this is a
     * Dekker handshake: either the writer sees the flag, or the closer sees the writer.
     */
    boolean enterAppend() {
        appendsInFlight.incrementAndGet();
        if (closing) {
            appendsInFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void exitAppend() {
        appendsInFlight.decrementAndGet();
    }

    /** Stops new appends and waits (bounded) until those in flight are done; returns the end of the log. */
    long closeForWrites() {
        closing = true;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (appendsInFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        return log.committedEnd();
    }
}
