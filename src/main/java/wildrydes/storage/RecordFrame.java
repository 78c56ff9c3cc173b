package wildrydes.storage;

/** Offsets and sizes of the record frame specified in {@link FileShardLog}. */
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
