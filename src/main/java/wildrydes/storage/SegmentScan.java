package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The result of reading a segment file, whole or from the end of a prefix already known to be
 * valid, and checking every frame: CRC and length bounds, sequences that follow on from the file
 * name, arrival times that never go back. It stops at the first frame that fails; everything
 * before it is the valid prefix. Nothing but zeros after the last frame is not a failure: it is
 * space written ahead of the appends (see {@link Segment#append}).
 *
 * @param validLength       bytes of whole, valid frames at the start of the file
 * @param fileLength        bytes in the file
 * @param recordCount       records in the valid prefix
 * @param lastArrivalMillis arrival time of the last valid record, -1 if none
 * @param index             the sparse index of the valid prefix
 * @param problem           why the frame at {@code validLength} is invalid, null if the whole file is valid
 * @param scannedBytes      bytes of the file the scan covered (from where it started to the end)
 */
record SegmentScan(long validLength, long fileLength, long recordCount, long lastArrivalMillis, SparseIndex index,
                   String problem, long scannedBytes) {

    private static final int FIRST_READ_BYTES = 64 * 1024;
    private static final int MAX_READ_BYTES = 1024 * 1024;
    private static final int ZERO_CHECK_BYTES = 64 * 1024;

    /** No invalid frame: the file is valid frames, possibly followed by zeros written ahead of appends. */
    boolean clean() {
        return problem == null;
    }

    /** Zeros after the last frame: space written ahead of appends that a crash left behind. */
    long trailingZeroBytes() {
        return clean() ? fileLength - validLength : 0;
    }

    private static boolean zerosFrom(FileChannel channel, long from, long to) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(ZERO_CHECK_BYTES, Math.max(0, to - from)));
        long position = from;
        while (position < to) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), to - position));
            int read = channel.read(buffer, position);
            if (read < 0) {
                return false;
            }
            for (int i = 0; i < read; i++) {
                if (buffer.get(i) != 0) {
                    return false;
                }
            }
            position += read;
        }
        return true;
    }

    /**
     * @param minArrivalMillis the arrival time of the previous segment's last record (the first
     *                         record here may not be older), -1 if none
     */
    static SegmentScan of(StorageFiles files, Path file, long firstSequence, long minArrivalMillis, int indexIntervalBytes)
            throws IOException {
        return from(files, file, firstSequence, 0, 0, -1, new SparseIndex(), minArrivalMillis, indexIntervalBytes);
    }

    /**
     * Scans the file from {@code position}, the end of a prefix of valid frames already checked.
     *
     * @param prefixRecords     records in the prefix
     * @param prefixLastArrival arrival time of the prefix's last record, -1 if the prefix is empty
     * @param prefixIndex       the sparse index of the prefix, which the scan goes on filling
     * @param minArrivalMillis  as for {@link #of}, when the prefix is empty
     */
    static SegmentScan from(StorageFiles files, Path file, long firstSequence, long position, long prefixRecords,
                            long prefixLastArrival, SparseIndex prefixIndex, long minArrivalMillis, int indexIntervalBytes)
            throws IOException {
        try (FileChannel channel = files.open(file, StandardOpenOption.READ)) {
            long fileLength = channel.size();
            FrameReader reader = new FrameReader(channel, position, Math.max(position, fileLength), FIRST_READ_BYTES,
                    MAX_READ_BYTES);
            SparseIndex index = prefixIndex;
            long expected = firstSequence + prefixRecords;
            long lastArrival = prefixRecords == 0 ? -1 : prefixLastArrival;
            long minArrival = prefixRecords == 0 ? minArrivalMillis : prefixLastArrival;
            long validLength = position;
            String problem = null;
            try {
                while (reader.next()) {
                    if (reader.sequence() != expected) {
                        problem = "sequence " + reader.sequence() + " where " + expected + " was expected";
                        break;
                    }
                    if (reader.arrivalMillis() < minArrival) {
                        problem = "arrival time " + reader.arrivalMillis() + " before the previous record's " + minArrival;
                        break;
                    }
                    if (index.count() == 0 || reader.frameStart() - index.lastPosition() >= indexIntervalBytes) {
                        index.add(expected, reader.frameStart(), reader.arrivalMillis());
                    }
                    expected++;
                    lastArrival = reader.arrivalMillis();
                    minArrival = lastArrival;
                    validLength = reader.nextPosition();
                }
            } catch (InvalidFrameException e) {
                problem = e.reason();
            }
            if (problem != null && zerosFrom(channel, validLength, fileLength)) {
                problem = null; // zeros written ahead of the appends (Segment#append), not a torn frame
            }
            return new SegmentScan(validLength, fileLength, expected - firstSequence, lastArrival, index, problem,
                    Math.max(0, fileLength - position));
        }
    }
}
