package wildrydes.storage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A shard log that keeps its records in memory only, with the semantics of {@link FileShardLog}
 * (appends are committed at once). Records live in fixed-size chunks: an append fills the last
 * chunk, a read indexes straight into the chunk of a sequence, trimming moves the horizon exactly
 * and drops whole chunks. Readers take no lock: the chunk table and the committed end are
 * published after the records they cover. Returned data arrays are shared between readers and
 * must not be modified.
 */
public final class MemoryShardLog implements ShardLog {

    static final int CHUNK_RECORDS = 1024;
    /** Rough cost of a record besides its key and data, for {@link #sizeBytes()}. */
    private static final int RECORD_OVERHEAD_BYTES = 64;

    /** The chunks from the one holding {@code firstChunkSequence} on; slots past {@code count} are unused. */
    private record ChunkTable(StoredRecord[][] chunks, int count, long firstChunkSequence) {

        StoredRecord get(long sequence) {
            long offset = sequence - firstChunkSequence;
            return chunks[(int) (offset / CHUNK_RECORDS)][(int) (offset % CHUNK_RECORDS)];
        }
    }

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private long lastArrivalMillis = -1;
    private long sizeBytes;
    private boolean closed;

    private volatile ChunkTable table = new ChunkTable(new StoredRecord[4][], 0, 0);
    private volatile CommittedState committed = new CommittedState(0, -1);
    private volatile long firstSequence;

    public MemoryShardLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletableFuture<AppendResult> append(List<RecordToAppend> records) {
        RecordLimits.checkBatch(records);
        for (RecordToAppend record : records) {
            RecordLimits.check(record);
        }
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new StorageException("shard log is closed"));
            }
            long arrival = Math.max(clock.millis(), lastArrivalMillis);
            long first = committed.end();
            ChunkTable current = table;
            for (int i = 0; i < records.size(); i++) {
                RecordToAppend record = records.get(i);
                StoredRecord stored = new StoredRecord(first + i, arrival, record.partitionKey(),
                        RecordLimits.normalizedExplicitHashKey(record.explicitHashKey()), record.data().clone());
                current = store(current, stored);
                sizeBytes += footprint(stored);
            }
            table = current;
            lastArrivalMillis = arrival;
            committed = new CommittedState(first + records.size(), arrival);
            return CompletableFuture.completedFuture(new AppendResult(first, records.size(), arrival));
        } finally {
            lock.unlock();
        }
    }

    /** Puts the record in its slot, adding a chunk (and growing the table) when the last one is full. */
    private static ChunkTable store(ChunkTable current, StoredRecord record) {
        long offset = record.sequence() - current.firstChunkSequence();
        int chunk = (int) (offset / CHUNK_RECORDS);
        ChunkTable result = current;
        if (chunk == current.count()) {
            StoredRecord[][] chunks = current.chunks();
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length * 2);
            }
            chunks[chunk] = new StoredRecord[CHUNK_RECORDS];
            result = new ChunkTable(chunks, chunk + 1, current.firstChunkSequence());
        }
        result.chunks()[chunk][(int) (offset % CHUNK_RECORDS)] = record;
        return result;
    }

    private static long footprint(StoredRecord record) {
        return record.sizeBytes() + (record.explicitHashKey() == null ? 0 : record.explicitHashKey().length())
                + RECORD_OVERHEAD_BYTES;
    }

    @Override
    public long firstSequence() {
        return firstSequence;
    }

    @Override
    public long committedEnd() {
        return committed.end();
    }

    @Override
    public long latestArrivalMillis() {
        return committed.latestArrivalMillis();
    }

    @Override
    public ReadBatch read(long fromSequence, int maxRecords, long maxBytes) {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        // In this order: the table holds every committed record, and trimming publishes the
        // horizon before it drops chunks.
        CommittedState state = committed;
        ChunkTable current = table;
        long start = Math.max(fromSequence, firstSequence);
        List<StoredRecord> records = new ArrayList<>((int) Math.max(0, Math.min(maxRecords, Math.min(256, state.end() - start))));
        long sequence = start;
        long bytes = 0;
        long nextArrival = -1;
        while (sequence < state.end()) {
            StoredRecord record = current.get(sequence);
            if (records.size() == maxRecords || (!records.isEmpty() && bytes + record.sizeBytes() > maxBytes)) {
                nextArrival = record.arrivalMillis();
                break;
            }
            records.add(record);
            bytes += record.sizeBytes();
            sequence++;
        }
        return new ReadBatch(Collections.unmodifiableList(records), sequence, state.latestArrivalMillis(), nextArrival);
    }

    @Override
    public long sequenceAtOrAfter(long arrivalMillis) {
        CommittedState state = committed;
        ChunkTable current = table;
        long low = firstSequence;
        long high = state.end();
        // Arrival times never decrease: find the first record at or after the time.
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (current.get(mid).arrivalMillis() < arrivalMillis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    public long trimBefore(long cutoffMillis) {
        lock.lock();
        try {
            long horizon = sequenceAtOrAfter(cutoffMillis);
            long old = firstSequence;
            if (horizon <= old) {
                return 0;
            }
            ChunkTable current = table;
            for (long sequence = old; sequence < horizon; sequence++) {
                sizeBytes -= footprint(current.get(sequence));
            }
            firstSequence = horizon;
            int droppedChunks = (int) ((horizon - current.firstChunkSequence()) / CHUNK_RECORDS);
            if (droppedChunks > 0) {
                StoredRecord[][] kept = Arrays.copyOfRange(current.chunks(), droppedChunks,
                        Math.max(droppedChunks + 4, current.chunks().length));
                table = new ChunkTable(kept, current.count() - droppedChunks,
                        current.firstChunkSequence() + (long) droppedChunks * CHUNK_RECORDS);
            }
            return horizon - old;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long sizeBytes() {
        lock.lock();
        try {
            return sizeBytes;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
