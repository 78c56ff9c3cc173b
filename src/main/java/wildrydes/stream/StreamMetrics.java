package wildrydes.stream;

/**
 * What the data path reports for monitoring (the console's graphs, /metrics). Called on the
 * hot path, so implementations must be cheap and must not block.
 */
public interface StreamMetrics {
    StreamMetrics NONE = new StreamMetrics() {
    };

    /** One PutRecord call; {@code bytes} counts data and partition key. */
    default void putRecord(String stream, long bytes, boolean success) {
    }

    /** One PutRecords call with its record count, failed entries and bytes (data and partition keys). */
    default void putRecords(String stream, int records, int failedRecords, long bytes) {
    }

    /** One successful GetRecords call. */
    default void getRecords(String stream, int records, long bytes, long millisBehindLatest) {
    }

    /** A request refused with ProvisionedThroughputExceededException. */
    default void throttled(String stream, boolean write) {
    }

    /** The stream is gone: its metrics may be dropped. */
    default void streamDeleted(String stream) {
    }
}
