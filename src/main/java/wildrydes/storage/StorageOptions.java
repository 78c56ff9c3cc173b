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
 * @param preallocateBytes           with fsync, files are extended with this many zeros at a time ahead of the appends
 *                                   (the active segment, a new journal file), so that an fsync flushes data only (no
 *                                   journal commit of the file system for a growing file): see {@code SegmentWriter};
 *                                   0 turns it off
 * @param journalFileBytes           a journal file takes group commits until it holds about this many bytes
 * @param journalCheckpointBytes     the journal is checkpointed (the logs written since the last checkpoint fsynced, the
 *                                   files before it released) once this many bytes were committed since the last
 *                                   one: it bounds what a restart after a crash replays
 * @param journalCheckpointInterval  ... or once this long has passed with anything committed
 * @param journalSpareFiles          journal files released by a checkpoint that are kept for reuse
 */
public record StorageOptions(long segmentMaxBytes, Duration segmentMaxAge, int indexIntervalBytes,
                             boolean verifySealedSegmentsOnOpen, long checkpointIntervalBytes, long preallocateBytes,
                             long journalFileBytes, long journalCheckpointBytes, Duration journalCheckpointInterval,
                             int journalSpareFiles) {

    public static final long DEFAULT_SEGMENT_MAX_BYTES = 128L * 1024 * 1024;
    public static final Duration DEFAULT_SEGMENT_MAX_AGE = Duration.ofHours(1);
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4 * 1024;
    public static final long DEFAULT_CHECKPOINT_INTERVAL_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_PREALLOCATE_BYTES = 1024 * 1024;
    public static final long DEFAULT_JOURNAL_FILE_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_JOURNAL_CHECKPOINT_BYTES = 32L * 1024 * 1024;
    public static final Duration DEFAULT_JOURNAL_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_JOURNAL_SPARE_FILES = 1;

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
        if (journalFileBytes <= 0 || journalCheckpointBytes <= 0) {
            throw new IllegalArgumentException("journal file and checkpoint sizes must be positive");
        }
        Objects.requireNonNull(journalCheckpointInterval, "journalCheckpointInterval");
        if (journalCheckpointInterval.isNegative() || journalCheckpointInterval.isZero()) {
            throw new IllegalArgumentException("journalCheckpointInterval must be positive: " + journalCheckpointInterval);
        }
        if (journalSpareFiles < 0) {
            throw new IllegalArgumentException("journalSpareFiles must not be negative: " + journalSpareFiles);
        }
    }

    public static StorageOptions defaults() {
        return new StorageOptions(DEFAULT_SEGMENT_MAX_BYTES, DEFAULT_SEGMENT_MAX_AGE, DEFAULT_INDEX_INTERVAL_BYTES, false,
                DEFAULT_CHECKPOINT_INTERVAL_BYTES, DEFAULT_PREALLOCATE_BYTES, DEFAULT_JOURNAL_FILE_BYTES,
                DEFAULT_JOURNAL_CHECKPOINT_BYTES, DEFAULT_JOURNAL_CHECKPOINT_INTERVAL, DEFAULT_JOURNAL_SPARE_FILES);
    }

    public StorageOptions withSegmentMaxBytes(long bytes) {
        return new StorageOptions(bytes, segmentMaxAge, indexIntervalBytes, verifySealedSegmentsOnOpen, checkpointIntervalBytes,
                preallocateBytes, journalFileBytes, journalCheckpointBytes, journalCheckpointInterval, journalSpareFiles);
    }

    public StorageOptions withSegmentMaxAge(Duration age) {
        return new StorageOptions(segmentMaxBytes, age, indexIntervalBytes, verifySealedSegmentsOnOpen, checkpointIntervalBytes,
                preallocateBytes, journalFileBytes, journalCheckpointBytes, journalCheckpointInterval, journalSpareFiles);
    }

    public StorageOptions withIndexIntervalBytes(int bytes) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, bytes, verifySealedSegmentsOnOpen, checkpointIntervalBytes,
                preallocateBytes, journalFileBytes, journalCheckpointBytes, journalCheckpointInterval, journalSpareFiles);
    }

    public StorageOptions withVerifySealedSegmentsOnOpen(boolean verify) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, indexIntervalBytes, verify, checkpointIntervalBytes,
                preallocateBytes, journalFileBytes, journalCheckpointBytes, journalCheckpointInterval, journalSpareFiles);
    }

    public StorageOptions withCheckpointIntervalBytes(long bytes) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, indexIntervalBytes, verifySealedSegmentsOnOpen, bytes,
                preallocateBytes, journalFileBytes, journalCheckpointBytes, journalCheckpointInterval, journalSpareFiles);
    }

    public StorageOptions withPreallocateBytes(long bytes) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, indexIntervalBytes, verifySealedSegmentsOnOpen,
                checkpointIntervalBytes, bytes, journalFileBytes, journalCheckpointBytes, journalCheckpointInterval,
                journalSpareFiles);
    }

    /** Journal files of about {@code fileBytes}, checkpointed every {@code checkpointBytes} or {@code interval}. */
    public StorageOptions withJournal(long fileBytes, long checkpointBytes, Duration interval) {
        return new StorageOptions(segmentMaxBytes, segmentMaxAge, indexIntervalBytes, verifySealedSegmentsOnOpen,
                checkpointIntervalBytes, preallocateBytes, fileBytes, checkpointBytes, interval, journalSpareFiles);
    }
}
