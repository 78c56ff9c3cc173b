package wildrydes.stream;

/** One record to write; {@code explicitHashKey} may be null. */
public record PutEntry(String partitionKey, String explicitHashKey, byte[] data) {
}
