package wildrydes.lab.process.mapping;

import java.time.Duration;
import wildrydes.lab.tail.StartPosition;

/**
 * The settings of a Kinesis event source mapping, with Lambda's ranges and defaults.
 *
 * @param batchSize               BatchSize: 1-10,000, default 100
 * @param batchWindow             MaximumBatchingWindowInSeconds: 0-300 s, default 0
 * @param start                   StartingPosition: LATEST, TRIM_HORIZON or AT_TIMESTAMP
 * @param maximumRetryAttempts    -1 (retry until the records expire, the default) or 0-10,000
 * @param maximumRecordAgeSeconds -1 (no limit, the default) or 60-604,800
 * @param bisectBatchOnFunctionError split a failed batch in two and retry each half (splits do not use up retries)
 * @param reportBatchItemFailures the function may answer {@code {"batchItemFailures":[{"itemIdentifier":seq}]}}
 * @param tumblingWindowSeconds   TumblingWindowInSeconds: 0 (none) to 900
 * @param parallelizationFactor   always 1 here: one batch in flight per shard
 */
public record MappingSettings(int batchSize, Duration batchWindow, StartPosition start, int maximumRetryAttempts,
                              int maximumRecordAgeSeconds, boolean bisectBatchOnFunctionError, boolean reportBatchItemFailures,
                              int tumblingWindowSeconds, int parallelizationFactor) {

    /** Lambda's synchronous invocation payload limit: a batch's event stays under it. */
    public static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;

    public static MappingSettings defaults() {
        return new MappingSettings(100, Duration.ZERO, StartPosition.LATEST, -1, -1, false, false, 0, 1);
    }

    /** Checks Lambda's ranges; throws IllegalArgumentException with the option and the allowed values. */
    public MappingSettings {
        require(batchSize >= 1 && batchSize <= 10_000, "-batch-size must be 1 to 10000 (Lambda's BatchSize for Kinesis), not " + batchSize);
        require(!batchWindow.isNegative() && batchWindow.compareTo(Duration.ofSeconds(300)) <= 0,
                "-batch-window must be 0 to 300 seconds (MaximumBatchingWindowInSeconds), not " + batchWindow.toMillis() / 1000.0 + " s");
        require(maximumRetryAttempts >= -1 && maximumRetryAttempts <= 10_000,
                "-maximum-retry-attempts must be -1 (until the records expire) or 0 to 10000, not " + maximumRetryAttempts);
        require(maximumRecordAgeSeconds == -1 || maximumRecordAgeSeconds >= 60 && maximumRecordAgeSeconds <= 604_800,
                "-maximum-record-age must be -1 (no limit) or 60 to 604800 seconds, not " + maximumRecordAgeSeconds);
        require(tumblingWindowSeconds >= 0 && tumblingWindowSeconds <= 900,
                "-tumbling-window must be 0 (none) to 900 seconds (TumblingWindowInSeconds), not " + tumblingWindowSeconds);
        require(parallelizationFactor == 1, "only a parallelization factor of 1 is offered: one batch in flight per shard");
        if (start == null) {
            throw new IllegalArgumentException("a starting position is required: LATEST, TRIM_HORIZON or AT_TIMESTAMP");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public MappingSettings withBatchSize(int size) {
        return new MappingSettings(size, batchWindow, start, maximumRetryAttempts, maximumRecordAgeSeconds,
                bisectBatchOnFunctionError, reportBatchItemFailures, tumblingWindowSeconds, parallelizationFactor);
    }

    public MappingSettings withBatchWindow(Duration window) {
        return new MappingSettings(batchSize, window, start, maximumRetryAttempts, maximumRecordAgeSeconds,
                bisectBatchOnFunctionError, reportBatchItemFailures, tumblingWindowSeconds, parallelizationFactor);
    }

    public MappingSettings withStart(StartPosition position) {
        return new MappingSettings(batchSize, batchWindow, position, maximumRetryAttempts, maximumRecordAgeSeconds,
                bisectBatchOnFunctionError, reportBatchItemFailures, tumblingWindowSeconds, parallelizationFactor);
    }

    public MappingSettings withRetries(int attempts, int recordAgeSeconds) {
        return new MappingSettings(batchSize, batchWindow, start, attempts, recordAgeSeconds,
                bisectBatchOnFunctionError, reportBatchItemFailures, tumblingWindowSeconds, parallelizationFactor);
    }

    public MappingSettings withErrorHandling(boolean bisect, boolean reportItemFailures) {
        return new MappingSettings(batchSize, batchWindow, start, maximumRetryAttempts, maximumRecordAgeSeconds,
                bisect, reportItemFailures, tumblingWindowSeconds, parallelizationFactor);
    }

    public MappingSettings withTumblingWindow(int seconds) {
        return new MappingSettings(batchSize, batchWindow, start, maximumRetryAttempts, maximumRecordAgeSeconds,
                bisectBatchOnFunctionError, reportBatchItemFailures, seconds, parallelizationFactor);
    }
}
