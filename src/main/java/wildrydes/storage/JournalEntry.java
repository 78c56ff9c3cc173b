package wildrydes.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** The byte layout of a journal entry and of a journal file's header, specified in {@link Journal}. */
final class JournalEntry {

    /** length, position, crc. */
    static final int HEADER_BYTES = 4 + 8 + 4;
    static final int POSITION_OFFSET = 4;
    static final int CRC_OFFSET = 12;
    /** The CRC covers everything from here to the end of the entry. */
    static final int CHECKED_OFFSET = 16;
    /** kind, log id length. */
    static final int BODY_FIXED_BYTES = 1 + 2;
    static final byte KIND_APPEND = 1;
    static final int MAX_LOG_ID_BYTES = 1024;
    /** The smallest value of the length field: position, crc, kind, log id length and a log id of one byte. */
    static final int MIN_LENGTH = 8 + 4 + BODY_FIXED_BYTES + 1;

    static final int FILE_MAGIC = 0x57524A46; // "WRJF"
    static final int FILE_VERSION = 1;
    static final int FILE_HEADER_BYTES = 32;
    private static final int FILE_HEADER_CRC_OFFSET = 16;

    private JournalEntry() {
    }

    /** Bytes the entry takes in the journal. */
    static int entryBytes(int logIdBytes, int payloadBytes) {
        return HEADER_BYTES + BODY_FIXED_BYTES + logIdBytes + payloadBytes;
    }

    /** The CRC-32C of an entry's checked bytes: kind, log id length, log id and payload (the payload is not consumed). */
    static int crc(byte[] logId, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(KIND_APPEND);
        crc.update(logId.length >>> 8);
        crc.update(logId.length);
        crc.update(logId);
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    /** Writes a whole entry at the buffer's position. */
    static void put(ByteBuffer buffer, long position, int crc, byte[] logId, ByteBuffer payload) {
        buffer.putInt(entryBytes(logId.length, payload.remaining()) - 4);
        buffer.putLong(position);
        buffer.putInt(crc);
        buffer.put(KIND_APPEND);
        buffer.putShort((short) logId.length);
        buffer.put(logId);
        buffer.put(payload.duplicate());
    }

    /** A journal file's header: it starts at journal position {@code start}. */
    static ByteBuffer fileHeader(long start) {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
        header.putInt(FILE_MAGIC).putInt(FILE_VERSION).putLong(start);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, FILE_HEADER_CRC_OFFSET);
        header.putInt((int) crc.getValue());
        header.position(0);
        return header;
    }

    /** The start position a journal file's header names, or -1 if the header is not a valid one. */
    static long fileStart(ByteBuffer header) {
        if (header.limit() < FILE_HEADER_BYTES || header.getInt(0) != FILE_MAGIC || header.getInt(4) != FILE_VERSION) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), header.arrayOffset(), FILE_HEADER_CRC_OFFSET);
        long start = header.getLong(8);
        return (int) crc.getValue() == header.getInt(FILE_HEADER_CRC_OFFSET) && start >= 0 ? start : -1;
    }
}
