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
    private volatile long closedEnd = -1; // -1 while open

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

    public boolean isOpen() {
        return closedEnd < 0;
    }

    /** For a closed shard, the position after its last record; -1 while open. */
    public long closedEnd() {
        return closedEnd;
    }

    void close(long endExclusive) {
        this.closedEnd = endExclusive;
    }
}
