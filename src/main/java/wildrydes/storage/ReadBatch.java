package wildrydes.storage;

import java.util.List;

/**
 * The answer to {@link ShardLog#read}.
 *
 * @param records            the records read, in sequence order
 * @param nextSequence       where the next read should start
 * @param latestArrivalMillis arrival time of the newest committed record in the log, or -1 if empty
 * @param nextArrivalMillis  arrival time of the record at {@code nextSequence} if one is
 *                           committed (the reader is behind), else -1 (the reader is caught up)
 */
public record ReadBatch(List<StoredRecord> records, long nextSequence, long latestArrivalMillis, long nextArrivalMillis) {

    public boolean caughtUp() {
        return nextArrivalMillis < 0;
    }
}
