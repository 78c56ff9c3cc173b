package wildrydes.tables.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The framing of journal and snapshot files: {@code length:u32 crc32c:u32 body} (big-endian),
 * the CRC over the body. A length of zero is where the written part ends (files are extended
 * with zeros ahead of the writer).
 */
final class Frames {
    static final int HEADER = 8;
    /** Larger than any batch the service writes (25 items of 400 KB, plus keys and names). */
    static final int MAX_BODY = 64 * 1024 * 1024;

    private Frames() {
    }

    static ByteBuffer frame(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + body.length);
        frame.putInt(body.length).putInt((int) crc.getValue()).put(body).flip();
        return frame;
    }

    /** What reading a frame at a position found. */
    record Read(byte[] body, String problem) {
        static final Read END = new Read(null, null);

        boolean isEnd() {
            return body == null && problem == null;
        }
    }

    /** Reads the frame at {@code position}: its body, the clean end (zeros or end of file), or a problem (torn or corrupt). */
    static Read read(FileChannel channel, long position, long size) throws IOException {
        if (position + HEADER > size) {
            return position == size || allZeros(channel, position, size) ? Read.END
                    : new Read(null, "a frame header cut short at byte " + position);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(channel, header, position);
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        if (length == 0 && crc == 0) {
            return allZeros(channel, position, Math.min(size, position + 4096)) ? Read.END
                    : new Read(null, "a zero header followed by data at byte " + position);
        }
        if (length <= 0 || length > MAX_BODY || position + HEADER + length > size) {
            return new Read(null, "a frame of " + length + " bytes that does not fit at byte " + position);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(channel, body, position + HEADER);
        CRC32C check = new CRC32C();
        check.update(body.array());
        if ((int) check.getValue() != crc) {
            return new Read(null, "a checksum mismatch in the frame at byte " + position);
        }
        return new Read(body.array(), null);
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("Unexpected end of file at byte " + (position + buffer.position()));
            }
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static boolean allZeros(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(65536, Math.max(0, to - from)));
        long at = from;
        while (at < to) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - at));
            int n = channel.read(buffer, at);
            if (n <= 0) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) != 0) {
                    return false;
                }
            }
            at += n;
        }
        return true;
    }
}
