package wildrydes.lab.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.TailRecord;

/**
 * The records waiting for the next delivery, with what the checkpoint becomes once they are in
 * the lake: per shard the position after its last buffered record, and the shards read to their
 * end whose records are all buffered or delivered. Records of several shards share a buffer (as
 * Firehose's do), each shard's in stream order. Not thread-safe: the archive holds its lock.
 */
final class DeliveryBuffer {
    private final List<TailRecord> records = new ArrayList<>();
    private final Map<String, ShardPosition> positions = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private long bytes;
    private Instant oldestArrival;
    private long oldestArrivalMillis = Long.MAX_VALUE;
    private long startedNanos;

    /** Adds a record; one without an arrival time counts as arriving {@code now}. */
    void add(TailRecord record, Instant now, long nowNanos) {
        if (records.isEmpty()) {
            startedNanos = nowNanos;
        }
        records.add(record);
        bytes += record.data().length;
        Instant arrival = record.arrival() != null ? record.arrival() : now;
        if (oldestArrival == null || arrival.isBefore(oldestArrival)) {
            oldestArrival = arrival;
            oldestArrivalMillis = arrival.toEpochMilli();
        }
        positions.put(record.shardId(), record.position());
    }

    /** The shard's records through {@code end} are buffered (a batch may end past its last record, e.g. a dropped aggregate). */
    void advance(String shardId, ShardPosition end) {
        if (end != null && !finished.contains(shardId)) {
            positions.put(shardId, end);
        }
    }

    /** The shard was read to its end: finished once this buffer is delivered. */
    void finish(String shardId) {
        positions.remove(shardId);
        finished.add(shardId);
    }

    boolean hasRecords() {
        return !records.isEmpty();
    }

    /** Whether delivering would move the checkpoint. */
    boolean hasProgress() {
        return !positions.isEmpty() || !finished.isEmpty();
    }

    int size() {
        return records.size();
    }

    long bytes() {
        return bytes;
    }

    /** Whether adding {@code more} bytes would take a non-empty buffer over {@code limit}. */
    boolean wouldExceed(long more, long limit) {
        return !records.isEmpty() && bytes + more > limit;
    }

    /** Whether the first record has waited {@code intervalNanos}. */
    boolean due(long nowNanos, long intervalNanos) {
        return !records.isEmpty() && nowNanos - startedNanos >= intervalNanos;
    }

    List<TailRecord> records() {
        return records;
    }

    /** Arrival of the oldest buffered record; null when empty. */
    Instant oldestArrival() {
        return oldestArrival;
    }

    /** Arrival of the oldest buffered record in epoch millis, Long.MAX_VALUE when empty (read without the lock for status). */
    long oldestArrivalMillis() {
        return oldestArrivalMillis;
    }

    /** The checkpoint after this buffer's delivery. */
    Checkpoint applyTo(Checkpoint checkpoint) {
        Checkpoint next = checkpoint;
        for (Map.Entry<String, ShardPosition> position : positions.entrySet()) {
            next = next.with(position.getKey(), position.getValue());
        }
        for (String shard : finished) {
            next = next.withFinished(shard);
        }
        return next;
    }

    void clear() {
        records.clear();
        positions.clear();
        finished.clear();
        bytes = 0;
        oldestArrival = null;
        oldestArrivalMillis = Long.MAX_VALUE;
    }
}
