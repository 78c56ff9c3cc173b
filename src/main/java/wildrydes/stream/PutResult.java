package wildrydes.stream;

/** Where one record was written. */
public record PutResult(String shardId, String sequenceNumber) {
}
