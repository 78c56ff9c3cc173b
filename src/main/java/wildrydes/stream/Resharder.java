package wildrydes.stream;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import wildrydes.storage.StorageEngine;

/**
 * Carries out a reshard once its UPDATING period is over: children are listed first, then each
 * parent is closed for writes (waiting for appends in flight), so every record of a parent
 * precedes, in the parent, every record its children receive.
 */
final class Resharder {
    private final StorageEngine storage;
    private final ServiceSettings settings;

    Resharder(StorageEngine storage, ServiceSettings settings) {
        this.storage = storage;
        this.settings = settings;
    }

    void split(Stream stream, Shard parent, HashKey newStartingHashKey) {
        HashKey leftEnd = HashKey.of(newStartingHashKey.toBigInteger().subtract(BigInteger.ONE));
        Shard left = newShard(stream, new HashKeyRange(parent.hashKeyRange().start(), leftEnd), parent.id(), null);
        Shard right = newShard(stream, new HashKeyRange(newStartingHashKey, parent.hashKeyRange().end()), parent.id(), null);
        stream.addShard(left);
        stream.addShard(right);
        close(parent);
    }

    void merge(Stream stream, Shard shard, Shard adjacent) {
        Shard lower = shard.hashKeyRange().start().compareTo(adjacent.hashKeyRange().start()) < 0 ? shard : adjacent;
        Shard upper = lower == shard ? adjacent : shard;
        Shard child = newShard(stream, new HashKeyRange(lower.hashKeyRange().start(), upper.hashKeyRange().end()),
                shard.id(), adjacent.id());
        stream.addShard(child);
        close(shard);
        close(adjacent);
    }

    /**
     * UNIFORM_SCALING: the open shards are replaced by {@code target} shards of equal ranges. A
     * new shard's parents are the old shards it overlaps; where it overlaps more than two (when
     * scaling down unevenly), the extra ones are first merged into empty intermediate shards,
     * because a shard names at most a parent and an adjacent parent. Intermediates are closed
     * empty and hand over to their children at once.
     */
    void uniform(Stream stream, int target) {
        List<Shard> open = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            if (shard.isOpen()) {
                open.add(shard);
            }
        }
        open.sort(Comparator.comparing(s -> s.hashKeyRange().start()));
        List<Shard> children = new ArrayList<>();
        for (HashKeyRange range : HashKeyRange.split(target)) {
            List<Shard> parents = new ArrayList<>();
            for (Shard old : open) {
                if (overlaps(old.hashKeyRange(), range)) {
                    parents.add(old);
                }
            }
            while (parents.size() > 2) {
                Shard first = parents.remove(0);
                Shard second = parents.remove(0);
                Shard merged = newShard(stream, new HashKeyRange(first.hashKeyRange().start(), second.hashKeyRange().end()),
                        first.id(), second.id());
                close(merged); // closed before it is listed, so no record is ever routed to it
                stream.addShard(merged);
                parents.add(0, merged);
            }
            Shard child = newShard(stream, range, parents.get(0).id(), parents.size() > 1 ? parents.get(1).id() : null);
            children.add(child);
        }
        children.forEach(stream::addShard);
        for (Shard old : open) {
            close(old);
        }
    }

    private static boolean overlaps(HashKeyRange a, HashKeyRange b) {
        return a.start().compareTo(b.end()) <= 0 && b.start().compareTo(a.end()) <= 0;
    }

    private Shard newShard(Stream stream, HashKeyRange range, String parent, String adjacentParent) {
        int index = stream.nextShardIndex();
        stream.raiseNextShardIndex(index + 1);
        return new Shard(index, range, parent, adjacentParent, settings.clock().millis(),
                storage.shardLog(stream.storageKey(), index));
    }

    private void close(Shard shard) {
        long end = shard.closeForWrites();
        shard.close(end, settings.clock().millis());
    }
}
