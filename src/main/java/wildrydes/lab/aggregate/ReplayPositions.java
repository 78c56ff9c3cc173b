package wildrydes.lab.aggregate;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.ShardPosition;

/**
 * Where each shard must be read again from after a restart so that every open window gets all
 * its records back: the open windows are not written to disk, the source stream keeps them
 * (retention is at least 24 hours), and a restart reads them again. For each shard it keeps the
 * position just before the first record of each open window; the checkpoint to save
 * ({@link #safe}) is, per shard, the earliest of those, or how far the shard was read when it
 * has no record in an open window. A shard read to its end counts as finished only when none of
 * its records is in an open window, and a shard is left out while a parent of it is not
 * finished, so a restart reads parents before children as the tail always does.
 */
final class ReplayPositions {
    /** A position that may be "not named": the shard then starts where a new reading starts. */
    private record Before(ShardPosition position) {
    }

    private static final class Shard {
        private ShardPosition read;
        private final TreeMap<Long, Before> firstOfWindow = new TreeMap<>();
        private boolean ended;
        private List<String> children = List.of();
    }

    private final String stream;
    private final Checkpoint resumed;
    private final Map<String, Shard> shards = new HashMap<>();

    /** @param resumed where this run started: what the saved checkpoint said */
    ReplayPositions(Checkpoint resumed) {
        this.stream = resumed.stream();
        this.resumed = resumed;
    }

    void started(String shardId) {
        shards.computeIfAbsent(shardId, id -> {
            Shard shard = new Shard();
            shard.read = resumed.position(id);
            return shard;
        });
    }

    /** How far the shard was read before its current batch: the position before the batch's first record. */
    ShardPosition read(String shardId) {
        started(shardId);
        return shards.get(shardId).read;
    }

    /** Whether the shard already has a record in {@code window} (so the position before its first one is kept). */
    boolean knows(String shardId, long window) {
        Shard shard = shards.get(shardId);
        return shard != null && shard.firstOfWindow.containsKey(window);
    }

    /** The record just after {@code before} is in {@code window}; remembered if it is the window's first in this shard. */
    void recordIn(String shardId, long window, ShardPosition before) {
        started(shardId);
        shards.get(shardId).firstOfWindow.putIfAbsent(window, new Before(before));
    }

    /** The shard's batch was taken in through {@code end}. */
    void read(String shardId, ShardPosition end) {
        started(shardId);
        if (end != null) {
            shards.get(shardId).read = end;
        }
    }

    void ended(String shardId, List<String> children) {
        started(shardId);
        Shard shard = shards.get(shardId);
        shard.ended = true;
        shard.children = List.copyOf(children);
    }

    /** These windows' results are safely recorded: their records need never be read again. */
    void closed(Collection<Long> windows) {
        for (Shard shard : shards.values()) {
            shard.firstOfWindow.keySet().removeAll(windows);
        }
    }

    /** How far every shard has been read (for telling records read again after a restart from new ones). */
    Map<String, ShardPosition> readThrough() {
        Map<String, ShardPosition> through = new TreeMap<>(resumed.positions());
        shards.forEach((id, shard) -> {
            if (shard.read != null) {
                through.put(id, shard.read);
            }
        });
        return through;
    }

    /** The checkpoint to save now: resuming from it reads every open window's records again. */
    Checkpoint safe() {
        Map<String, ShardPosition> positions = new TreeMap<>(resumed.positions());
        Set<String> finished = new HashSet<>(resumed.finished());
        for (Map.Entry<String, Shard> entry : shards.entrySet()) {
            String id = entry.getKey();
            Shard shard = entry.getValue();
            positions.remove(id);
            finished.remove(id);
            if (!shard.firstOfWindow.isEmpty()) {
                ShardPosition earliest = earliest(shard.firstOfWindow.values());
                if (earliest != null) {
                    positions.put(id, earliest); // else not named: it starts where it started in this run
                }
            } else if (shard.ended) {
                finished.add(id);
            } else if (shard.read != null) {
                positions.put(id, shard.read);
            }
        }
        dropChildrenOfUnfinished(positions, finished);
        return new Checkpoint(stream, positions, finished);
    }

    /** A child may be named only once its parents are finished; otherwise it is read again after them. */
    private void dropChildrenOfUnfinished(Map<String, ShardPosition> positions, Set<String> finished) {
        Deque<String> drop = new ArrayDeque<>();
        shards.forEach((id, shard) -> {
            if (shard.ended && !finished.contains(id)) {
                drop.addAll(shard.children);
            }
        });
        Set<String> dropped = new HashSet<>();
        while (!drop.isEmpty()) {
            String id = drop.pop();
            if (dropped.add(id)) {
                positions.remove(id);
                finished.remove(id);
                Shard shard = shards.get(id);
                if (shard != null) {
                    drop.addAll(shard.children);
                }
            }
        }
    }

    /** The earliest position; null when one of them is "not named" (before anything was read in this shard). */
    private static ShardPosition earliest(Collection<Before> befores) {
        ShardPosition earliest = null;
        boolean first = true;
        for (Before before : befores) {
            ShardPosition position = before.position();
            if (position == null) {
                return null;
            }
            if (first || compare(position, earliest) < 0) {
                earliest = position;
                first = false;
            }
        }
        return earliest;
    }

    /** Order along a shard: by sequence number, then a partly delivered aggregate before the whole of it. */
    static int compare(ShardPosition a, ShardPosition b) {
        int order = new BigInteger(a.sequenceNumber()).compareTo(new BigInteger(b.sequenceNumber()));
        if (order != 0) {
            return order;
        }
        if (a.wholeRecord() != b.wholeRecord()) {
            return a.wholeRecord() ? 1 : -1;
        }
        return Long.compare(a.subSequenceNumber(), b.subSequenceNumber());
    }
}
