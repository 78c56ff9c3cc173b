package wildrydes.storage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only log of one shard. Safe for concurrent use: appends are serialised inside
 * the log, reads never block appends for long.
 *
 * <p>Visibility: a record becomes readable once it is committed, that is once the future
 * returned by {@link #append} has completed (after fsync when the engine syncs). Readers
 * therefore never see a record that a crash could take back.
 */
public interface ShardLog {

    /**
     * Appends the records in order, with one arrival time (now, but never less than the last
     * arrival time in this log). The future completes once the records are durable (or at once
     * for a log that keeps nothing), and fails with {@link StorageException} if they are not.
     */
    CompletableFuture<AppendResult> append(List<RecordToAppend> records);

    /** The sequence of the oldest record still kept (the trim horizon). */
    long firstSequence();

    /** The sequence the next appended record will get once committed; records below it are readable. */
    long committedEnd();

    /** Arrival time of the newest committed record, or -1 if none. */
    long latestArrivalMillis();

    /**
     * Reads committed records from {@code fromSequence} (raised to {@link #firstSequence()} if
     * it lies before it), at most {@code maxRecords} and stopping before the record that would
     * take the total of {@link StoredRecord#sizeBytes()} over {@code maxBytes} (the first record
     * is always returned whatever its size).
     */
    ReadBatch read(long fromSequence, int maxRecords, long maxBytes);

    /** The sequence of the first committed record that arrived at or after the time; {@link #committedEnd()} if none. */
    long sequenceAtOrAfter(long arrivalMillis);

    /**
     * Forgets every record that arrived before the cut-off: {@link #firstSequence()} moves past
     * them and whole segments that hold only such records are deleted from disk.
     *
     * @return how many records were dropped
     */
    long trimBefore(long cutoffMillis);

    /** Stored bytes (on disk or in memory), for metrics and tests. */
    long sizeBytes();
}
