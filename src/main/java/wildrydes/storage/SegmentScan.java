package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The result of reading a whole segment file and checking every frame: CRC and length bounds,
 * sequences that follow on from the file name, arrival times that never go back. It stops at the
 * first frame that fails; everything before it is the valid prefix.
 *
 * @param validLength       bytes of whole, valid frames at the start of the file
 * @param fileLength        bytes in the file
 * @param recordCount       records in the valid prefix
 * @param lastArrivalMillis arrival time of the last valid record, -1 if none
 * @param index             the sparse index of the valid prefix
 * @param problem           why the frame at {@code validLength} is invalid, null if the whole file is valid
 */
record SegmentScan(long validLength, long fileLength, long recordCount, long lastArrivalMillis, SparseIndex index,
                   String problem) {

    private static final int FIRST_READ_BYTES = 64 * 1024;
    private static final int MAX_READ_BYTES = 1024 * 1024;

    boolean clean() {
        return problem == null;
    }

    /**
     * @param minArrivalMillis the arrival time of the previous segment's last record (the first
     *                         record here may not be older), -1 if none
     */
    static SegmentScan of(Path file, long firstSequence, long minArrivalMillis, int indexIntervalBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileLength = channel.size();
            FrameReader reader = new FrameReader(channel, 0, fileLength, FIRST_READ_BYTES, MAX_READ_BYTES);
            SparseIndex index = new SparseIndex();
            long expected = firstSequence;
            long lastArrival = -1;
            long minArrival = minArrivalMillis;
            long validLength = 0;
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
            return new SegmentScan(validLength, fileLength, expected - firstSequence, lastArrival, index, problem);
        }
    }
}
