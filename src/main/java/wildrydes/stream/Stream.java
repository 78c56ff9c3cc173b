package wildrydes.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * A stream's live state. Control-plane changes happen under the {@link StreamRegistry}'s lock;
 * the data path only reads the volatile fields and the copy-on-write shard list.
 */
public final class Stream {
    private final String name;
    private final long createdMillis;
    private final String storageKey;
    private volatile StreamStatus status;
    private volatile StreamMode mode;
    private volatile int retentionHours;
    private volatile StreamSettings settings = StreamSettings.defaults();
    private final Map<String, String> tags = new TreeMap<>();
    private final List<Shard> shards = new CopyOnWriteArrayList<>();

    Stream(String name, long createdMillis, StreamStatus status, StreamMode mode, int retentionHours) {
        this.name = name;
        this.createdMillis = createdMillis;
        this.storageKey = name + "-" + createdMillis;
        this.status = status;
        this.mode = mode;
        this.retentionHours = retentionHours;
    }

    public String name() {
        return name;
    }

    public long createdMillis() {
        return createdMillis;
    }

    String storageKey() {
        return storageKey;
    }

    public StreamStatus status() {
        return status;
    }

    void status(StreamStatus status) {
        this.status = status;
    }

    public StreamMode mode() {
        return mode;
    }

    public int retentionHours() {
        return retentionHours;
    }

    void retentionHours(int hours) {
        this.retentionHours = hours;
    }

    public StreamSettings settings() {
        return settings;
    }

    void settings(StreamSettings settings) {
        this.settings = settings;
    }

    void mode(StreamMode mode) {
        this.mode = mode;
    }

    /** A snapshot of the tags, sorted by key. */
    public synchronized Map<String, String> tags() {
        return new TreeMap<>(tags);
    }

    synchronized Map<String, String> mutableTags() {
        return tags;
    }

    /** All shards, open and closed, in index order. */
    public List<Shard> shards() {
        return shards;
    }

    void addShard(Shard shard) {
        shards.add(shard);
    }

    void removeShard(Shard shard) {
        shards.remove(shard);
    }

    /** The index the next shard made by resharding gets: shard ids keep counting. */
    int nextShardIndex() {
        int next = nextShardIndexFloor;
        for (Shard shard : shards) {
            next = Math.max(next, shard.index() + 1);
        }
        return next;
    }

    /** Indexes of shards removed by retention are never reused. */
    private volatile int nextShardIndexFloor;

    void raiseNextShardIndex(int floor) {
        nextShardIndexFloor = Math.max(nextShardIndexFloor, floor);
    }

    public int openShardCount() {
        int open = 0;
        for (Shard shard : shards) {
            if (shard.isOpen()) {
                open++;
            }
        }
        return open;
    }

    public String sequenceNumber(Shard shard, long position) {
        return SequenceNumbers.format(createdMillis, shard.index(), position);
    }

    /** The open shard whose hash key range holds the key. */
    Shard shardFor(HashKey key) {
        for (Shard shard : shards) {
            if (shard.acceptsWrites() && shard.hashKeyRange().contains(key)) {
                return shard;
            }
        }
        throw new KinesisException(ErrorCode.InternalFailure, "No open shard of stream " + name + " covers hash key " + key);
    }

    /** The shard of this index, open or closed, or null. */
    public Shard shard(int index) {
        for (Shard shard : shards) {
            if (shard.index() == index) {
                return shard;
            }
        }
        return null;
    }

    /** Shards made from this one by a split or a merge. */
    public List<ChildShard> children(Shard parent) {
        List<ChildShard> children = new ArrayList<>();
        for (Shard shard : shards) {
            if (parent.id().equals(shard.parentShardId()) || parent.id().equals(shard.adjacentParentShardId())) {
                children.add(ChildShard.of(shard));
            }
        }
        return children;
    }
}
