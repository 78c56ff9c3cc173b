package wildrydes.storage;

/**
 * What {@link ShardLog#append} needs of a record; the log assigns its sequence and arrival time.
 * The caller's own record type implements it (the stream layer's put entries do), so a record
 * is not copied on its way into the log.
 */
public interface RecordToAppend {

    String partitionKey();

    /** The explicit hash key the writer gave, or null. */
    String explicitHashKey();

    byte[] data();
}
