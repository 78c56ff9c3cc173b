package wildrydes.stream;

/**
 * A record as read from a shard, for the API: its position in the shard (its sequence number
 * is made from it, see {@link ShardRecords}), arrival time, partition key and data.
 */
public record StreamRecord(long position, long arrivalMillis, String partitionKey, byte[] data) {
}
