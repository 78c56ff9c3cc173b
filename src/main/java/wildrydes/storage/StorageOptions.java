package wildrydes.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of {@link FileStorageEngine}.
 *
 * @param segmentMaxBytes            the active segment is sealed and a new one started once it holds this many bytes
 * @param segmentMaxAge              ... or once its first record is this old, so that retention can reclaim the space
 *                                   of a slow stream within about this time after its records expire
 * @param indexIntervalBytes         a sparse index entry is kept every this many bytes of log
 * @param verifySealedSegmentsOnOpen when false (the default), sealed segments with a consistent index file are trusted
 *                                   on open without being read: they were fsynced before their index was written. When
 *                                   true, every segment is scanned and checked on open, and a log is truncated at its
 *                                   first invalid frame (dropping every later segment), which costs time proportional
 *                                   to the data stored; the active segment is then checked whole too
 * @param checkpointIntervalBytes    the active segment's index file (its checkpoint) is rewritten once this many bytes
 *                                   have been committed after the prefix it describes, which bounds what opening the log
 *                                   after a crash checks of it (it is also written when the log is closed and opened)
 * @param preallocateBytes           with fsync, the active segment is extended with this many zeros at a time ahead of
 *                                   the appends, so that an fsync flushes data only (no journal commit for a growing
 *                                   file): see {@code Segment#append}; 0 turns it off
 */
public record StorageOptions(long segmentMaxBytes, Duration segmentMaxAge, int indexIntervalBytes,
                             boolean verifySealedSegmentsOnOpen, long checkpointIntervalBytes, long preallocateBytes) {

    public static final long DEFAULT_SEGMENT_MAX_BYTES = 128L * 1024 * 1024;
    public static final Duration DEFAULT_SEGMENT_MAX_AGE = Duration.ofHours(1);
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4 * 1024;
    public static final long DEFAULT_CHECKPOINT_INTERVAL_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_PREALLOCATE_BYTES = 1024 * 1024;

    public StorageOptions {
        if (segmentMaxBytes <= 0) {
            throw new IllegalArgumentException("segmentMaxBytes must be positive: " + segmentMaxBytes);
        }
        Objects.requireNonNull(segmentMaxAge, "segmentMaxAge");
        if (segmentMaxAge.isNegative() || segmentMaxAge.isZero()) {
            throw new IllegalArgumentException("segmentMaxAge must be positive: " + segmentMaxAge);
        }
        if (indexIntervalBytes < 0) {
            throw new IllegalArgumentException("indexIntervalBytes must not be negative: " + indexIntervalBytes);
        }
        if (checkpointIntervalBytes <= 0) {
            throw new IllegalArgumentException("checkpointIntervalBytes must be positive: " + checkpointIntervalBytes);
        }
        if (preallocateBytes < 0) {
            throw new IllegalArgumentException("preallocateBytes must not be negative: " + preallocateBytes);
        }
    }

    public static StorageOptions defaults() {
        return new StorageOptions(DEFAULT_SEGMENT_MAX_BYTES, DEFAULT_SEGMENT_MAX_AGE, DEFAULT_INDEX_INTERVAL_BYTES, false,
                DEFAULT_CHECKPOINT_INTERVAL_BYTES, DEFAULT_PREALLOCATE_BYTES);
    }

    public StorageOptions withSegmentMaxBytes(long bytes) {
        return new StorageOptions(bytes, segmentMaxAge, indexIntervalBytes, verifySealedSegmentsOnOpen, checkpointIntervalBytes, preallocateBytes);
    }

    public StorageOptions withSegmentMaxAge(Duration age) {
        return new StorageOptions(segmentMaxBytes, age, indexIntervalBytes, verifySealedSegmentsOnOpen, checkpointIntervalBytes, preallocateBytes);
    }

    public StorageOptions withIndexIntervalBytes(int bytes) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, bytes, verifySealedSegmentsOnOpen, checkpointIntervalBytes, preallocateBytes);
    }

    public StorageOptions withVerifySealedSegmentsOnOpen(boolean verify) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, indexIntervalBytes, verify, checkpointIntervalBytes, preallocateBytes);
    }

    public StorageOptions withCheckpointIntervalBytes(long bytes) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, indexIntervalBytes, verifySealedSegmentsOnOpen, bytes, preallocateBytes);
    }

    public StorageOptions withPreallocateBytes(long bytes) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, indexIntervalBytes, verifySealedSegmentsOnOpen,
                checkpointIntervalBytes, bytes);
    }
}
