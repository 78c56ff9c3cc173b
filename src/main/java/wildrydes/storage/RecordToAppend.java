package wildrydes.storage;

/** A record handed to {@link ShardLog#append}; the log assigns its sequence and arrival time. */
public record RecordToAppend(String partitionKey, String explicitHashKey, byte[] data) {
}
