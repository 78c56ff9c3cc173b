package wildrydes.storage;

/**
 * The record frame: how one record is kept in a segment file (and, the same bytes, in a journal
 * entry's payload).
 * Integers are big-endian and unsigned unless said otherwise.
 * <pre>
 * offset    size  field
 * 0         4     frameLength   bytes after this field: 27 + k + h + d
 * 4         4     crc           CRC-32C (java.util.zip.CRC32C) of bytes 8 .. end of frame
 * 8         8     sequence      signed; the previous frame's + 1 (the file name's for the first)
 * 16        8     arrivalMillis signed epoch milliseconds; never less than the previous frame's
 * 24        2     k             partition key length
 * 26        k     partition key UTF-8
 * 26+k      1     h             explicit hash key length, 0 = none (an empty key reads back as none)
 * 27+k      h     explicit hash key, ASCII
 * 27+k+h    4     d             data length
 * 31+k+h    d     data
 * </pre>
 * Limits: k &le; 65535, h &le; 255, d &le; 64 MiB. A frame is valid when its frameLength is
 * within the bounds these limits give, it lies wholly inside the file, its CRC matches, k, h and d
 * fill frameLength exactly, and its sequence and arrival time follow the previous frame's. A
 * reader checks all of this before it allocates for or returns a frame.
 */
final class RecordFrame {

    static final int LENGTH_FIELD_BYTES = 4;
    static final int CRC_OFFSET = 4;
    /** The CRC covers everything from here to the end of the frame. */
    static final int CHECKED_OFFSET = 8;
    static final int SEQUENCE_OFFSET = 8;
    static final int ARRIVAL_OFFSET = 16;
    static final int PARTITION_KEY_LENGTH_OFFSET = 24;
    static final int PARTITION_KEY_OFFSET = 26;

    /** The frame length (bytes after the length field) of a record with empty keys and data. */
    static final int MIN_FRAME_LENGTH = 4 + 8 + 8 + 2 + 1 + 4;
    static final int MAX_FRAME_LENGTH = MIN_FRAME_LENGTH + RecordLimits.MAX_PARTITION_KEY_BYTES
            + RecordLimits.MAX_EXPLICIT_HASH_KEY_BYTES + RecordLimits.MAX_DATA_BYTES;

    private RecordFrame() {
    }

    /** Bytes a record takes on disk, length field included. */
    static int frameBytes(int partitionKeyBytes, int explicitHashKeyBytes, int dataBytes) {
        return LENGTH_FIELD_BYTES + MIN_FRAME_LENGTH + partitionKeyBytes + explicitHashKeyBytes + dataBytes;
    }
}
