package wildrydes.lab.tail;

import java.time.Instant;

/**
 * One record as a tail delivers it: a Kinesis record, or one user record of a KPL aggregate.
 *
 * @param subSequenceNumber the user record's index in its aggregate; 0 when {@code aggregated} is false
 * @param aggregated        whether it came out of a KPL aggregate
 * @param endsRecord        whether it is the last user record of its Kinesis record (always, when not aggregated)
 * @param explicitHashKey   the user record's explicit hash key, when the KPL put it with one; else null
 * @param arrival           ApproximateArrivalTimestamp of the Kinesis record (null if the service sent none)
 * @param data              the bytes; shared, not copied: do not change them
 */
public record TailRecord(String shardId, String sequenceNumber, long subSequenceNumber, boolean aggregated, boolean endsRecord,
                         String partitionKey, String explicitHashKey, Instant arrival, byte[] data) {

    /** The position to checkpoint once this record (and all before it in its shard) is handled. */
    public ShardPosition position() {
        return endsRecord ? ShardPosition.after(sequenceNumber) : ShardPosition.within(sequenceNumber, subSequenceNumber);
    }
}
