package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The committed records of a {@link FileShardLog} as one reader sees them: the committed state
 * and the segments taken just after it. Reads seek with the sparse index, then scan forward
 * through positional reads, checking every frame they pass.
 */
final class LogSnapshot {

    private static final int FIRST_READ_BYTES = 16 * 1024;
    private static final int MAX_READ_BYTES = 256 * 1024;

    private final CommittedState committed;
    private final Segment[] segments;

    LogSnapshot(CommittedState committed, Segment[] segments) {
        this.committed = committed;
        this.segments = segments;
    }

    /**
     * Reads from {@code start}, which must not lie before the trim horizon. A corrupt frame fails
     * the read that starts at it; a read that meets one later returns the records before it.
     *
     * @throws SegmentGoneException if a segment it needs was deleted or closed meanwhile
     */
    ReadBatch read(long start, int maxRecords, long maxBytes) {
        long end = committed.end();
        List<StoredRecord> records = new ArrayList<>((int) Math.max(0, Math.min(Math.min(maxRecords, 256), end - start)));
        long sequence = start;
        long bytes = 0;
        long nextArrival = -1;
        Segment segment = null;
        FrameReader reader = null;
        while (sequence < end) {
            try {
                if (segment == null || sequence >= segment.endSequence()) {
                    segment = segments[segmentIndex(sequence)];
                    reader = readerAt(segment, sequence);
                }
                readFrame(reader, segment, sequence);
            } catch (CorruptFrameException e) {
                if (records.isEmpty()) {
                    throw e;
                }
                // Its arrival time is unknown: the last one returned is a lower bound.
                nextArrival = records.getLast().arrivalMillis();
                break;
            }
            String partitionKey = reader.partitionKey();
            long size = (long) reader.dataLength() + partitionKey.length();
            if (records.size() == maxRecords || (!records.isEmpty() && bytes + size > maxBytes)) {
                nextArrival = reader.arrivalMillis();
                break;
            }
            records.add(reader.toRecord(partitionKey));
            bytes += size;
            sequence++;
        }
        return new ReadBatch(Collections.unmodifiableList(records), sequence, committed.latestArrivalMillis(), nextArrival);
    }

    /**
     * The first committed record at or after {@code first} that arrived at or after the time.
     * Arrival times never decrease: whole segments are skipped, then the index is binary-searched,
     * then the frames after the entry found are scanned.
     */
    long sequenceAtOrAfter(long first, long arrivalMillis) {
        long end = committed.end();
        if (first >= end) {
            return end;
        }
        for (int i = segmentIndex(first); i < segments.length && segments[i].firstSequence() < end; i++) {
            Segment segment = segments[i];
            if (segment.recordCount() == 0 || segment.lastArrivalMillis() < arrivalMillis) {
                continue;
            }
            SparseIndex index = indexOf(segment);
            int entry = index.lastArrivedBefore(arrivalMillis);
            if (entry < 0) {
                return Math.max(first, segment.firstSequence());
            }
            long sequence = Math.max(first, index.sequence(entry));
            FrameReader reader = readerAt(segment, sequence);
            long segmentEnd = Math.min(end, segment.endSequence());
            for (; sequence < segmentEnd; sequence++) {
                readFrame(reader, segment, sequence);
                if (reader.arrivalMillis() >= arrivalMillis) {
                    return sequence;
                }
            }
        }
        return end;
    }

    /** The last segment starting at or before the sequence. */
    private int segmentIndex(long sequence) {
        int low = 0;
        int high = segments.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (segments[mid].firstSequence() <= sequence) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found < 0) {
            throw SegmentGoneException.INSTANCE;
        }
        return found;
    }

    /** A reader whose next frame is the one with the given sequence. */
    private static FrameReader readerAt(Segment segment, long sequence) {
        SparseIndex index = indexOf(segment);
        int entry = index.floorBySequence(sequence);
        if (entry < 0) {
            throw new StorageException("no index entry for sequence " + sequence + " in " + segment);
        }
        FrameReader reader;
        try {
            reader = new FrameReader(segment.readChannel(), index.position(entry), segment.sizeBytes(), FIRST_READ_BYTES,
                    MAX_READ_BYTES);
        } catch (IOException e) {
            throw readFailure(segment, e);
        }
        for (long skipped = index.sequence(entry); skipped < sequence; skipped++) {
            readFrame(reader, segment, skipped);
        }
        return reader;
    }

    /** The segment's sparse index, loaded if it was not yet. */
    private static SparseIndex indexOf(Segment segment) {
        try {
            return segment.index();
        } catch (IOException e) {
            throw readFailure(segment, e);
        }
    }

    /** Moves the reader to the next frame, which must be whole, intact and have the expected sequence. */
    private static void readFrame(FrameReader reader, Segment segment, long expectedSequence) {
        try {
            if (!reader.next()) {
                throw corruption(segment, reader.nextPosition(), "segment ends before record " + expectedSequence);
            }
        } catch (InvalidFrameException e) {
            throw corruption(segment, e.offset(), e.reason());
        } catch (IOException e) {
            throw readFailure(segment, e);
        }
        if (reader.sequence() != expectedSequence) {
            throw corruption(segment, reader.frameStart(),
                    "sequence " + reader.sequence() + " where " + expectedSequence + " was expected");
        }
    }

    private static RuntimeException readFailure(Segment segment, IOException e) {
        if (e instanceof ClosedByInterruptException) {
            return new StorageException("read of " + segment + " interrupted", e);
        }
        if (e instanceof ClosedChannelException) {
            // Retention deleted the segment, the log closed, or an interrupted reader closed the
            // channel (a retry reopens it).
            return SegmentGoneException.INSTANCE;
        }
        return new StorageException("read of " + segment + " failed", e);
    }

    private static CorruptFrameException corruption(Segment segment, long offset, String reason) {
        return new CorruptFrameException("corrupt record frame in " + segment.logFile() + " at offset " + offset + ": " + reason);
    }

    /** A frame that fails its checks when read: the file was damaged after it was written. */
    static final class CorruptFrameException extends StorageException {
        CorruptFrameException(String message) {
            super(message);
        }
    }

    /** A segment the snapshot holds was deleted or closed; the caller takes a new snapshot. */
    static final class SegmentGoneException extends RuntimeException {
        static final SegmentGoneException INSTANCE = new SegmentGoneException();

        private SegmentGoneException() {
            super("segment gone", null, false, false);
        }
    }
}
