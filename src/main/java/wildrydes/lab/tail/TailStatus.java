package wildrydes.lab.tail;

import java.util.Map;

/**
 * A tail's progress at one moment, for a status line.
 *
 * @param userRecords        records delivered to the sink (user records of aggregates counted one by one)
 * @param kinesisRecords     Kinesis records read
 * @param millisBehindLatest the last MillisBehindLatest of each shard being read
 * @param shardsReading      shards being read now
 * @param shardsFinished     shards read to their end
 */
public record TailStatus(long userRecords, long kinesisRecords, Map<String, Long> millisBehindLatest, int shardsReading,
                         int shardsFinished) {
    /** The largest lag of any shard being read (the stream's iterator age), 0 when none is known. */
    public long maxMillisBehindLatest() {
        return millisBehindLatest.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
