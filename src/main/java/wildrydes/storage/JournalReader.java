package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads the entries of one journal file in order, checking each completely (bounds, position,
 * CRC, kind) before exposing it, and stops at the first one that fails: that is where the valid
 * journal ends. Reads go through a reused buffer that grows only for an entry larger than it,
 * and an entry's length is checked against the bytes left in the file before anything is
 * allocated for it.
 */
final class JournalReader {

    private static final int CHUNK_BYTES = 1024 * 1024;

    private final FileChannel channel;
    private final long fileLength;
    /** The journal position of the byte at file offset {@link JournalEntry#FILE_HEADER_BYTES}. */
    private final long fileStart;
    private byte[] bytes = new byte[64 * 1024];
    private ByteBuffer view = ByteBuffer.wrap(bytes);
    private long bufferOffset;
    private int bufferLength;
    private long offset;
    private String problem;

    private long position;
    private String logId;
    private ByteBuffer payload;

    /**
     * @param fileStart the journal position of the file's first entry (its header's)
     * @param from      the journal position to start at, an entry boundary in the file
     */
    JournalReader(FileChannel channel, long fileStart, long from) throws IOException {
        this.channel = channel;
        this.fileLength = channel.size();
        this.fileStart = fileStart;
        this.offset = JournalEntry.FILE_HEADER_BYTES + (from - fileStart);
    }

    /** Moves to the next entry; false at the end of the valid entries (see {@link #problem()}). */
    boolean next() throws IOException {
        problem = null;
        long expected = positionAt(offset);
        if (fileLength - offset < 4) {
            return end(fileLength == offset ? null : "the file ends inside an entry's length");
        }
        load(offset, 4);
        long length = Integer.toUnsignedLong(view.getInt(at(offset)));
        if (length == 0) {
            return end(null); // zeros written ahead of the entries: the clean end
        }
        if (length < JournalEntry.MIN_LENGTH || length > fileLength - offset - 4) {
            return end("entry length " + length + " out of bounds (" + (fileLength - offset - 4) + " bytes left)");
        }
        int total = (int) (4 + length);
        load(offset, total);
        int start = at(offset);
        if (view.getLong(start + JournalEntry.POSITION_OFFSET) != expected) {
            return end("the entry names position " + view.getLong(start + JournalEntry.POSITION_OFFSET)
                    + ", not its own (left from an older use of the file, or torn)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, start + JournalEntry.CHECKED_OFFSET, total - JournalEntry.CHECKED_OFFSET);
        if ((int) crc.getValue() != view.getInt(start + JournalEntry.CRC_OFFSET)) {
            return end("CRC mismatch");
        }
        int body = start + JournalEntry.CHECKED_OFFSET;
        if (bytes[body] != JournalEntry.KIND_APPEND) {
            return end("unknown entry kind " + bytes[body]);
        }
        int idLength = Short.toUnsignedInt(view.getShort(body + 1));
        int payloadStart = body + JournalEntry.BODY_FIXED_BYTES + idLength;
        if (idLength == 0 || idLength > JournalEntry.MAX_LOG_ID_BYTES || payloadStart > start + total) {
            return end("log id length " + idLength + " out of bounds");
        }
        position = expected;
        logId = new String(bytes, body + JournalEntry.BODY_FIXED_BYTES, idLength, StandardCharsets.UTF_8);
        payload = ByteBuffer.wrap(bytes, payloadStart, start + total - payloadStart).slice();
        offset += total;
        return true;
    }

    private boolean end(String why) {
        problem = why;
        return false;
    }

    /** Why the last {@link #next()} found no entry: null at a clean end (end of file, or zeros). */
    String problem() {
        return problem;
    }

    /** The current entry's journal position. */
    long position() {
        return position;
    }

    String logId() {
        return logId;
    }

    /** The current entry's payload; valid until the next call to {@link #next()}. */
    ByteBuffer payload() {
        return payload;
    }

    /** The journal position after the current entry: where the next one starts (the end of the valid entries once {@link #next()} is false). */
    long nextPosition() {
        return positionAt(offset);
    }

    private long positionAt(long fileOffset) {
        return fileStart + (fileOffset - JournalEntry.FILE_HEADER_BYTES);
    }

    private int at(long fileOffset) {
        return (int) (fileOffset - bufferOffset);
    }

    /** Makes sure the file bytes {@code [from, from + length)} are in the buffer. */
    private void load(long from, int length) throws IOException {
        if (from >= bufferOffset && from + length <= bufferOffset + bufferLength) {
            return;
        }
        int wanted = (int) Math.min(Math.max(length, CHUNK_BYTES), fileLength - from);
        if (bytes.length < wanted) {
            bytes = new byte[wanted];
            view = ByteBuffer.wrap(bytes);
        }
        ByteBuffer target = ByteBuffer.wrap(bytes, 0, wanted);
        while (target.hasRemaining()) {
            if (channel.read(target, from + target.position()) < 0) {
                break;
            }
        }
        bufferOffset = from;
        bufferLength = target.position();
        if (bufferLength < length) {
            throw new IOException("journal file shrank while it was read");
        }
    }
}
