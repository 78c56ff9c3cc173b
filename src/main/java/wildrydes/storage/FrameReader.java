package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads frames one after the other from a segment file through positional reads into a reused
 * buffer, checking every frame completely (length bounds, CRC, inner lengths) before exposing it.
 * A frame's length is checked against the bytes left before anything is allocated for it.
 */
final class FrameReader {

    private final FileChannel channel;
    private final long limit;
    private final int maxChunkBytes;
    private int chunkBytes;
    private final CRC32C crc = new CRC32C();

    private byte[] bytes;
    private ByteBuffer view;
    private long bufferStart;
    private int bufferLength;

    private long nextPosition;
    private long frameStart = -1;
    private long sequence;
    private long arrivalMillis;
    private int keyOffset;
    private int keyLength;
    private int hashKeyOffset;
    private int hashKeyLength;
    private int dataOffset;
    private int dataLength;

    /**
     * @param position      where the first frame starts
     * @param limit         the end of the readable bytes (a frame may not run past it)
     * @param firstChunk    how much to read at first when frames are small
     * @param maxChunkBytes how much to read at most: each read doubles the amount, so short reads
     *                      stay cheap and long scans make few calls
     */
    FrameReader(FileChannel channel, long position, long limit, int firstChunk, int maxChunkBytes) {
        this.channel = channel;
        this.nextPosition = position;
        this.limit = limit;
        this.chunkBytes = firstChunk;
        this.maxChunkBytes = maxChunkBytes;
        this.bytes = new byte[(int) Math.max(RecordFrame.LENGTH_FIELD_BYTES, Math.min(firstChunk, limit - position))];
        this.view = ByteBuffer.wrap(bytes);
    }

    /** Reads the frames in {@code bytes[offset .. offset + length)}, positions counted from {@code offset}. */
    static FrameReader over(byte[] bytes, int offset, int length) {
        FrameReader reader = new FrameReader(null, 0, length, RecordFrame.LENGTH_FIELD_BYTES, RecordFrame.LENGTH_FIELD_BYTES);
        reader.bytes = bytes;
        reader.view = ByteBuffer.wrap(bytes);
        reader.bufferStart = -offset;
        reader.bufferLength = offset + length;
        return reader;
    }

    /**
     * Moves to the next frame and checks it.
     *
     * @return false at the clean end of the readable bytes
     * @throws InvalidFrameException if the bytes at the position are not a whole, intact frame
     */
    boolean next() throws IOException, InvalidFrameException {
        long start = nextPosition;
        if (start >= limit) {
            return false;
        }
        if (limit - start < RecordFrame.LENGTH_FIELD_BYTES) {
            throw new InvalidFrameException(start, "only " + (limit - start) + " bytes left, too few for a frame length");
        }
        load(start, RecordFrame.LENGTH_FIELD_BYTES);
        long frameLength = Integer.toUnsignedLong(view.getInt(offsetOf(start)));
        if (frameLength < RecordFrame.MIN_FRAME_LENGTH || frameLength > RecordFrame.MAX_FRAME_LENGTH) {
            throw new InvalidFrameException(start, "frame length " + frameLength + " out of bounds");
        }
        long total = RecordFrame.LENGTH_FIELD_BYTES + frameLength;
        if (total > limit - start) {
            throw new InvalidFrameException(start, "frame of " + total + " bytes runs past the end (" + (limit - start) + " bytes left)");
        }
        load(start, (int) total);
        int offset = offsetOf(start);
        checkCrc(start, offset, (int) total);
        parse(start, offset, (int) total);
        frameStart = start;
        nextPosition = start + total;
        return true;
    }

    /** File offset of the current frame. */
    long frameStart() {
        return frameStart;
    }

    /** File offset just after the current frame (where {@link #next} reads). */
    long nextPosition() {
        return nextPosition;
    }

    long sequence() {
        return sequence;
    }

    long arrivalMillis() {
        return arrivalMillis;
    }

    int dataLength() {
        return dataLength;
    }

    String partitionKey() {
        return new String(bytes, keyOffset, keyLength, StandardCharsets.UTF_8);
    }

    StoredRecord toRecord(String partitionKey) {
        String hashKey = hashKeyLength == 0 ? null : new String(bytes, hashKeyOffset, hashKeyLength, StandardCharsets.US_ASCII);
        return new StoredRecord(sequence, arrivalMillis, partitionKey, hashKey,
                Arrays.copyOfRange(bytes, dataOffset, dataOffset + dataLength));
    }

    private void checkCrc(long start, int offset, int total) throws InvalidFrameException {
        crc.reset();
        crc.update(bytes, offset + RecordFrame.CHECKED_OFFSET, total - RecordFrame.CHECKED_OFFSET);
        int stored = view.getInt(offset + RecordFrame.CRC_OFFSET);
        if ((int) crc.getValue() != stored) {
            throw new InvalidFrameException(start, "CRC mismatch");
        }
    }

    private void parse(long start, int offset, int total) throws InvalidFrameException {
        int end = offset + total;
        long frameSequence = view.getLong(offset + RecordFrame.SEQUENCE_OFFSET);
        long frameArrival = view.getLong(offset + RecordFrame.ARRIVAL_OFFSET);
        int keyLen = Short.toUnsignedInt(view.getShort(offset + RecordFrame.PARTITION_KEY_LENGTH_OFFSET));
        int keyOff = offset + RecordFrame.PARTITION_KEY_OFFSET;
        int hashKeyLenOff = keyOff + keyLen;
        if (hashKeyLenOff + 1 + 4 > end) {
            throw new InvalidFrameException(start, "partition key length " + keyLen + " runs past the frame");
        }
        int hashKeyLen = Byte.toUnsignedInt(bytes[hashKeyLenOff]);
        int dataLenOff = hashKeyLenOff + 1 + hashKeyLen;
        if (dataLenOff + 4 > end) {
            throw new InvalidFrameException(start, "explicit hash key length " + hashKeyLen + " runs past the frame");
        }
        long dataLen = Integer.toUnsignedLong(view.getInt(dataLenOff));
        if (dataLenOff + 4 + dataLen != end) {
            throw new InvalidFrameException(start, "data length " + dataLen + " does not fill the frame");
        }
        sequence = frameSequence;
        arrivalMillis = frameArrival;
        keyOffset = keyOff;
        keyLength = keyLen;
        hashKeyOffset = hashKeyLenOff + 1;
        hashKeyLength = hashKeyLen;
        dataOffset = dataLenOff + 4;
        dataLength = (int) dataLen;
    }

    /** Makes sure the file bytes {@code [start, start + length)} are in the buffer. */
    private void load(long start, int length) throws IOException, InvalidFrameException {
        if (start >= bufferStart && start + length <= bufferStart + bufferLength) {
            return;
        }
        int wanted = (int) Math.max(length, Math.min(chunkBytes, limit - start));
        chunkBytes = Math.min(chunkBytes * 2, maxChunkBytes);
        if (bytes.length < wanted) {
            bytes = new byte[wanted];
            view = ByteBuffer.wrap(bytes);
        }
        ByteBuffer target = ByteBuffer.wrap(bytes, 0, wanted);
        while (target.hasRemaining()) {
            int read = channel.read(target, start + target.position());
            if (read < 0) {
                break;
            }
        }
        bufferStart = start;
        bufferLength = target.position();
        if (bufferLength < length) {
            throw new InvalidFrameException(start, "file ends " + bufferLength + " bytes after this offset, inside a frame");
        }
    }

    private int offsetOf(long position) {
        return (int) (position - bufferStart);
    }
}
