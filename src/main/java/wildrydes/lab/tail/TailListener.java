package wildrydes.lab.tail;

import wildrydes.lab.kpl.Deaggregation;

/**
 * Progress of a {@link StreamTail}, for status lines and logs. Called on the readers' threads
 * (and the listing thread), possibly at the same time; keep it quick. Every method has a default,
 * so implement what you show.
 */
public interface TailListener {
    /** A shard starts being read from {@code from}. */
    default void shardStarted(String shardId, StartPosition from) {
    }

    /** One read of a shard: how many Kinesis records came, how many user records were delivered, and its lag (-1: unknown). */
    default void recordsRead(String shardId, int kinesisRecords, int userRecords, long millisBehindLatest) {
    }

    /** A shard was read to its end (after a reshard); its children may start now. */
    default void shardFinished(String shardId) {
    }

    /**
     * A record that is an invalid KPL aggregate (delivered as it is) or whose user records belong
     * to another shard's range (dropped, as the KCL drops them).
     */
    default void aggregateIssue(String shardId, String sequenceNumber, Deaggregation outcome) {
        String what = outcome.kind() == Deaggregation.Kind.OUT_OF_RANGE ? "dropped the KPL aggregate " + sequenceNumber
                : "delivered record " + sequenceNumber + " as it is, an invalid KPL aggregate";
        notice(shardId + ": " + what + ": " + outcome.problem());
    }

    /** Something a person may want to know that does not stop the tail (a retry, a renewal), in one line. */
    default void notice(String message) {
    }
}
