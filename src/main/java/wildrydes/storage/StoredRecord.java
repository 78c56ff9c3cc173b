package wildrydes.storage;

/**
 * One record as the storage engine keeps it. The engine gives no meaning to the fields: the
 * partition key and explicit hash key are opaque strings, the data opaque bytes.
 *
 * @param sequence        position of the record in its shard log, from 0, strictly increasing
 * @param arrivalMillis   epoch milliseconds assigned at append, never decreasing within a log
 * @param partitionKey    the partition key (UTF-8 on disk)
 * @param explicitHashKey the explicit hash key if the writer gave one, else null
 * @param data            the payload
 */
public record StoredRecord(long sequence, long arrivalMillis, String partitionKey, String explicitHashKey, byte[] data) {

    /** Bytes of payload and key that count against read size limits. */
    public long sizeBytes() {
        return data.length + partitionKey.length();
    }
}
