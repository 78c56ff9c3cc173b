package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code .idx} file of a sealed segment: its sparse index, saved so that opening a log does
 * not read its sealed segments. It is derived data, written with a rename but never fsynced:
 * a missing, torn or stale one is detected here and the caller rebuilds it by scanning.
 *
 * <pre>
 * u32 magic 0x57524958 ("WRIX")   u32 version 1
 * i64 segmentLength (bytes of the .log file it describes)
 * i64 recordCount   i64 lastArrivalMillis
 * u32 entryCount, then entryCount × (i64 sequence, i64 position, i64 arrivalMillis)
 * u32 CRC-32C of every byte before it
 * </pre>
 * Big-endian.
 */
final class IndexFile {

    private static final Logger LOG = LoggerFactory.getLogger(IndexFile.class);

    private static final int MAGIC = 0x57524958;
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 4 + 4 + 8 + 8 + 8 + 4;
    private static final int ENTRY_BYTES = 24;
    private static final int CRC_BYTES = 4;

    /** What a consistent index file says about its segment. */
    record Contents(long recordCount, long lastArrivalMillis, SparseIndex index) {
    }

    private IndexFile() {
    }

    static void write(Segment segment) throws IOException {
        long[] triples = segment.index().toTriples();
        int entries = triples.length / 3;
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + entries * ENTRY_BYTES + CRC_BYTES);
        buffer.putInt(MAGIC).putInt(VERSION)
                .putLong(segment.sizeBytes()).putLong(segment.recordCount()).putLong(segment.lastArrivalMillis())
                .putInt(entries);
        for (long value : triples) {
            buffer.putLong(value);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        AtomicFiles.write(segment.indexFile(), buffer.array(), null);
    }

    /** The index of the segment, or null (with the reason logged) if the file is missing or does not match. */
    static Contents read(Path indexFile, long firstSequence, long segmentLength) throws IOException {
        byte[] bytes = AtomicFiles.readIfExists(indexFile);
        if (bytes == null) {
            LOG.info("No index file {}; rebuilding it by scanning its segment", indexFile);
            return null;
        }
        String problem = problemWith(bytes, firstSequence, segmentLength);
        if (problem != null) {
            LOG.warn("Index file {} is unusable ({}); rebuilding it by scanning its segment", indexFile, problem);
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long recordCount = buffer.getLong(16);
        long lastArrival = buffer.getLong(24);
        int entries = buffer.getInt(32);
        long[] triples = new long[entries * 3];
        buffer.position(HEADER_BYTES);
        buffer.asLongBuffer().get(triples);
        return new Contents(recordCount, lastArrival, SparseIndex.of(triples));
    }

    private static String problemWith(byte[] bytes, long firstSequence, long segmentLength) {
        if (bytes.length < HEADER_BYTES + CRC_BYTES) {
            return "too short";
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        if ((int) crc.getValue() != buffer.getInt(bytes.length - CRC_BYTES)) {
            return "CRC mismatch";
        }
        if (buffer.getInt(0) != MAGIC || buffer.getInt(4) != VERSION) {
            return "unknown magic or version";
        }
        long indexedLength = buffer.getLong(8);
        if (indexedLength != segmentLength) {
            return "it describes " + indexedLength + " bytes of log but the segment has " + segmentLength;
        }
        long recordCount = buffer.getLong(16);
        int entries = buffer.getInt(32);
        if (entries < 0 || bytes.length != HEADER_BYTES + (long) entries * ENTRY_BYTES + CRC_BYTES) {
            return "entry count does not match its size";
        }
        if (recordCount <= 0 || entries == 0) {
            return "no records";
        }
        return problemWithEntries(buffer, entries, firstSequence, recordCount, segmentLength);
    }

    private static String problemWithEntries(ByteBuffer buffer, int entries, long firstSequence, long recordCount,
                                             long segmentLength) {
        long previousSequence = firstSequence - 1;
        long previousPosition = -1;
        long previousArrival = Long.MIN_VALUE;
        for (int i = 0; i < entries; i++) {
            int at = HEADER_BYTES + i * ENTRY_BYTES;
            long sequence = buffer.getLong(at);
            long position = buffer.getLong(at + 8);
            long arrival = buffer.getLong(at + 16);
            boolean first = i == 0;
            if (first && (sequence != firstSequence || position != 0)) {
                return "first entry is not the segment's first record";
            }
            if (sequence <= previousSequence || sequence >= firstSequence + recordCount
                    || position <= previousPosition || position >= segmentLength || arrival < previousArrival) {
                return "entry " + i + " out of order or out of bounds";
            }
            previousSequence = sequence;
            previousPosition = position;
            previousArrival = arrival;
        }
        return null;
    }
}
