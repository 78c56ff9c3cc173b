package wildrydes.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The frames of one append, encoded in one buffer outside the log's lock. Only the sequence,
 * arrival time and CRC are left to {@link #stamp}, under the lock, once they are known.
 */
final class EncodedBatch {

    private final ByteBuffer buffer;
    private final int[] frameOffsets;

    private EncodedBatch(ByteBuffer buffer, int[] frameOffsets) {
        this.buffer = buffer;
        this.frameOffsets = frameOffsets;
    }

    static EncodedBatch encode(List<RecordToAppend> records) {
        RecordLimits.checkBatch(records);
        int count = records.size();
        byte[][] keys = new byte[count][];
        long total = 0;
        for (int i = 0; i < count; i++) {
            RecordToAppend record = records.get(i);
            RecordLimits.check(record);
            keys[i] = record.partitionKey().getBytes(StandardCharsets.UTF_8);
            String hashKey = RecordLimits.normalizedExplicitHashKey(record.explicitHashKey());
            total += RecordFrame.frameBytes(keys[i].length, hashKey == null ? 0 : hashKey.length(), record.data().length);
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("batch of " + total + " bytes is too large for one append");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) total);
        int[] offsets = new int[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = buffer.position();
            RecordToAppend record = records.get(i);
            String hashKey = RecordLimits.normalizedExplicitHashKey(record.explicitHashKey());
            int hashKeyBytes = hashKey == null ? 0 : hashKey.length();
            buffer.putInt(RecordFrame.frameBytes(keys[i].length, hashKeyBytes, record.data().length) - RecordFrame.LENGTH_FIELD_BYTES);
            buffer.putInt(0);   // CRC, stamped later
            buffer.putLong(0);  // sequence, stamped later
            buffer.putLong(0);  // arrival time, stamped later
            buffer.putShort((short) keys[i].length);
            buffer.put(keys[i]);
            buffer.put((byte) hashKeyBytes);
            if (hashKey != null) {
                buffer.put(hashKey.getBytes(StandardCharsets.US_ASCII));
            }
            buffer.putInt(record.data().length);
            buffer.put(record.data());
        }
        buffer.flip();
        return new EncodedBatch(buffer, offsets);
    }

    /**
     * Frames already stamped (read back from the journal), starting at the given offsets of the
     * buffer's contents; the buffer must be backed by an array and positioned at 0.
     */
    static EncodedBatch ofStamped(ByteBuffer frames, int[] frameOffsets) {
        return new EncodedBatch(frames, frameOffsets);
    }

    /** Fills in the sequences (from {@code firstSequence}), the arrival time and the CRCs. */
    void stamp(long firstSequence, long arrivalMillis) {
        byte[] bytes = buffer.array();
        CRC32C crc = new CRC32C();
        for (int i = 0; i < frameOffsets.length; i++) {
            int offset = frameOffsets[i];
            int frameBytes = frameEnd(i) - offset;
            buffer.putLong(offset + RecordFrame.SEQUENCE_OFFSET, firstSequence + i);
            buffer.putLong(offset + RecordFrame.ARRIVAL_OFFSET, arrivalMillis);
            crc.reset();
            crc.update(bytes, offset + RecordFrame.CHECKED_OFFSET, frameBytes - RecordFrame.CHECKED_OFFSET);
            buffer.putInt(offset + RecordFrame.CRC_OFFSET, (int) crc.getValue());
        }
    }

    int count() {
        return frameOffsets.length;
    }

    int sizeBytes() {
        return buffer.limit();
    }

    int frameOffset(int i) {
        return frameOffsets[i];
    }

    /** A fresh view of the whole batch, for one write. */
    ByteBuffer contents() {
        return buffer.duplicate();
    }

    private int frameEnd(int i) {
        return i + 1 < frameOffsets.length ? frameOffsets[i + 1] : buffer.limit();
    }
}
