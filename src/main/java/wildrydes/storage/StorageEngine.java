package wildrydes.storage;

import java.util.Map;

/**
 * Keeps streams' shard logs and their metadata. It knows nothing of HTTP or of the Kinesis
 * API: a stream is a key (a directory name chosen by the caller) with a metadata blob written
 * atomically and numbered shard logs.
 */
public interface StorageEngine extends AutoCloseable {

    /** Opens (creating if needed) the log of shard {@code shardIndex} of stream {@code streamKey}. */
    ShardLog shardLog(String streamKey, int shardIndex);

    /** Replaces the stream's metadata atomically: after a crash either the old or the new blob is there. */
    void writeMetadata(String streamKey, byte[] metadata);

    /** Every stored stream's metadata, by stream key, as last written. */
    Map<String, byte[]> readAllMetadata();

    /** Deletes the stream's metadata and every shard log of it. */
    void deleteStream(String streamKey);

    /** A small named blob kept next to the streams (for example a secret key), written atomically. */
    byte[] readBlob(String name);

    void writeBlob(String name, byte[] content);

    /** Whether appends are fsynced before they are acknowledged. */
    boolean durable();

    /** What the store did since it was opened (fsyncs, journal), or null if it keeps nothing on disk. */
    default StorageStats stats() {
        return null;
    }

    @Override
    void close();
}
