package wildrydes.stream;

import wildrydes.storage.RecordToAppend;

/** One record to write, as PutRecord and PutRecords give it; {@code explicitHashKey} may be null. Appended as it is. */
public record PutEntry(String partitionKey, String explicitHashKey, byte[] data) implements RecordToAppend {
}
