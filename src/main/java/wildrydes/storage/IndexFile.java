package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code .idx} file of a segment: the sparse index of a prefix of whole, valid frames of its
 * {@code .log} file (for a sealed segment the whole file; for the active one a checkpoint, see
 * {@link FileShardLog}), saved so that opening a log reads neither its sealed segments nor the
 * checkpointed prefix of its active one. It is derived data, written only once the bytes it
 * describes are durable, and made durable itself (temporary file, rename, fsync), so that a
 * restart after a power cut reads it instead of scanning the segment; a missing, torn, stale or
 * mismatched one is still detected here and the caller rebuilds it by scanning the log.
 *
 * <pre>
 * offset  size
 * 0       4    magic 0x57524958 ("WRIX")
 * 4       4    version             2: a checkpoint of the prefix of a segment that may go on (the active one);
 *                                  3: a sealed segment, whole (the same layout)
 * 8       8    firstSequence       the segment's first sequence (its file name's)
 * 16      8    length              bytes of the .log file described, from its start; always a frame boundary
 * 24      8    recordCount         records in those bytes (&gt; 0)
 * 32      8    firstArrivalMillis  arrival time of the first record
 * 40      8    lastArrivalMillis   arrival time of the last record in those bytes
 * 48      4    entryCount          (&gt; 0, at most recordCount)
 * 52      4    headerCrc           CRC-32C of bytes 0 .. 51
 * 56      24 × entryCount          entries (i64 sequence, i64 position, i64 arrivalMillis), increasing;
 *                                  the first is (firstSequence, 0, firstArrivalMillis), every position is below length
 * end-4   4    crc                 CRC-32C of every byte before it
 * </pre>
 * Big-endian. The header has its own CRC so that opening a log reads and checks only the first
 * {@value #HEADER_BYTES} bytes of a sealed segment's index file; the entries are read and checked
 * against the whole-file CRC when the segment is first read. Version 1 files (the same fields less
 * firstSequence, firstArrivalMillis and the header CRC, with one CRC at the end) are still read,
 * whole, and rewritten as version 2.
 */
final class IndexFile {

    private static final Logger LOG = LoggerFactory.getLogger(IndexFile.class);

    private static final int MAGIC = 0x57524958;
    private static final int VERSION = 2;
    private static final int VERSION_SEALED = 3;
    private static final int VERSION_1 = 1;
    static final int HEADER_BYTES = 56;
    private static final int HEADER_CRC_OFFSET = 52;
    private static final int V1_HEADER_BYTES = 4 + 4 + 8 + 8 + 8 + 4;
    private static final int ENTRY_BYTES = 24;
    private static final int CRC_BYTES = 4;

    /** What a consistent header says about the prefix of the segment the file describes. */
    /** @param sealed written for a sealed segment, whole (version 3), rather than as a checkpoint of a prefix */
    record Header(long firstSequence, long length, long recordCount, long firstArrivalMillis, long lastArrivalMillis,
                  int entryCount, boolean sealed) {

        long endSequence() {
            return firstSequence + recordCount;
        }
    }

    /** A header and its entries. */
    record Contents(Header header, SparseIndex index) {
    }

    private IndexFile() {
    }

    /** Writes the index of the first {@code length} bytes of the segment; the triples lie in them. */
    static void write(StorageFiles files, FileSyncer syncer, Path indexFile, long firstSequence, long length,
                      long recordCount, long firstArrivalMillis, long lastArrivalMillis, long[] triples, boolean sealed)
            throws IOException {
        int entries = triples.length / 3;
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + entries * ENTRY_BYTES + CRC_BYTES);
        buffer.putInt(MAGIC).putInt(sealed ? VERSION_SEALED : VERSION).putLong(firstSequence).putLong(length).putLong(recordCount)
                .putLong(firstArrivalMillis).putLong(lastArrivalMillis).putInt(entries);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, HEADER_CRC_OFFSET);
        buffer.putInt((int) crc.getValue());
        for (long value : triples) {
            buffer.putLong(value);
        }
        crc.reset();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        // Every version of an index file is usable (or found torn and rebuilt): the directory needs
        // an fsync only for the first.
        AtomicFiles.writeDerived(files, indexFile, buffer.array(), syncer);
    }

    /**
     * Reads and checks only the header, or returns null (with the reason logged) if the file is
     * missing or the header is not consistent with itself, its file's size and the segment's name.
     * A version 1 file is read whole and converted.
     */
    static Header readHeader(StorageFiles files, FileSyncer syncer, Path indexFile, long firstSequence) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        long fileSize;
        try (FileChannel channel = files.open(indexFile, StandardOpenOption.READ)) {
            fileSize = channel.size();
            while (header.hasRemaining()) {
                if (channel.read(header, header.position()) < 0) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            LOG.info("No index file {}; rebuilding it by scanning its segment", indexFile);
            return null;
        }
        if (header.position() >= 8 && header.getInt(0) == MAGIC && header.getInt(4) == VERSION_1) {
            return convertVersion1(files, syncer, indexFile, firstSequence);
        }
        String problem = problemWithHeader(header, fileSize, firstSequence);
        if (problem != null) {
            LOG.warn("Index file {} is unusable ({}); rebuilding it by scanning its segment", indexFile, problem);
            return null;
        }
        return headerOf(header);
    }

    /**
     * Reads the whole file and checks it against the header read before, or returns null (with the
     * reason logged) if it no longer matches, is torn or its entries are out of order or bounds.
     */
    static SparseIndex readEntries(StorageFiles files, Path indexFile, Header expected) throws IOException {
        byte[] bytes = AtomicFiles.readIfExists(files, indexFile);
        if (bytes == null) {
            LOG.warn("Index file {} is gone; rebuilding it by scanning its segment", indexFile);
            return null;
        }
        String problem = problemWithFile(bytes, expected);
        if (problem != null) {
            LOG.warn("Index file {} is unusable ({}); rebuilding it by scanning its segment", indexFile, problem);
            return null;
        }
        long[] triples = new long[expected.entryCount() * 3];
        ByteBuffer.wrap(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES - CRC_BYTES).asLongBuffer().get(triples);
        return SparseIndex.of(triples);
    }

    /** The header and entries, or null (with the reason logged) if the file is missing or does not match. */
    static Contents read(StorageFiles files, FileSyncer syncer, Path indexFile, long firstSequence) throws IOException {
        Header header = readHeader(files, syncer, indexFile, firstSequence);
        if (header == null) {
            return null;
        }
        SparseIndex index = readEntries(files, indexFile, header);
        return index == null ? null : new Contents(header, index);
    }

    private static Header headerOf(ByteBuffer header) {
        return new Header(header.getLong(8), header.getLong(16), header.getLong(24), header.getLong(32),
                header.getLong(40), header.getInt(48), header.getInt(4) == VERSION_SEALED);
    }

    private static String problemWithHeader(ByteBuffer header, long fileSize, long firstSequence) {
        if (header.position() < HEADER_BYTES) {
            return "too short";
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, HEADER_CRC_OFFSET);
        if ((int) crc.getValue() != header.getInt(HEADER_CRC_OFFSET)) {
            return "header CRC mismatch";
        }
        if (header.getInt(0) != MAGIC || (header.getInt(4) != VERSION && header.getInt(4) != VERSION_SEALED)) {
            return "unknown magic or version";
        }
        Header h = headerOf(header);
        if (h.firstSequence() != firstSequence) {
            return "it describes the segment starting at " + h.firstSequence();
        }
        if (h.entryCount() <= 0 || fileSize != HEADER_BYTES + (long) h.entryCount() * ENTRY_BYTES + CRC_BYTES) {
            return "entry count does not match its size";
        }
        if (h.recordCount() <= 0 || h.entryCount() > h.recordCount() || h.length() < h.recordCount() * RecordFrame.frameBytes(0, 0, 0)
                || h.lastArrivalMillis() < h.firstArrivalMillis()) {
            return "inconsistent header";
        }
        return null;
    }

    private static String problemWithFile(byte[] bytes, Header expected) {
        if (bytes.length != HEADER_BYTES + (long) expected.entryCount() * ENTRY_BYTES + CRC_BYTES) {
            return "its size changed";
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        if ((int) crc.getValue() != buffer.getInt(bytes.length - CRC_BYTES)) {
            return "CRC mismatch";
        }
        if (buffer.getInt(0) != MAGIC || !headerOf(buffer).equals(expected)) {
            return "its header changed";
        }
        return problemWithEntries(buffer, HEADER_BYTES, expected.entryCount(), expected.firstSequence(),
                expected.recordCount(), expected.length(), expected.firstArrivalMillis());
    }

    private static String problemWithEntries(ByteBuffer buffer, int offset, int entries, long firstSequence,
                                             long recordCount, long segmentLength, long firstArrivalMillis) {
        long previousSequence = firstSequence - 1;
        long previousPosition = -1;
        long previousArrival = Long.MIN_VALUE;
        for (int i = 0; i < entries; i++) {
            int at = offset + i * ENTRY_BYTES;
            long sequence = buffer.getLong(at);
            long position = buffer.getLong(at + 8);
            long arrival = buffer.getLong(at + 16);
            boolean first = i == 0;
            if (first && (sequence != firstSequence || position != 0
                    || (firstArrivalMillis != Long.MIN_VALUE && arrival != firstArrivalMillis))) {
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

    /** A version 1 file, checked whole as before and rewritten as version 2; null if unusable. */
    private static Header convertVersion1(StorageFiles files, FileSyncer syncer, Path indexFile, long firstSequence)
            throws IOException {
        byte[] bytes = AtomicFiles.readIfExists(files, indexFile);
        String problem = bytes == null ? "gone" : problemWithVersion1(bytes, firstSequence);
        if (problem != null) {
            LOG.warn("Index file {} is unusable ({}); rebuilding it by scanning its segment", indexFile, problem);
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long length = buffer.getLong(8);
        long recordCount = buffer.getLong(16);
        long lastArrival = buffer.getLong(24);
        int entries = buffer.getInt(32);
        long[] triples = new long[entries * 3];
        ByteBuffer.wrap(bytes, V1_HEADER_BYTES, entries * ENTRY_BYTES).asLongBuffer().get(triples);
        // Whether it described a sealed segment whole is unknown: it is taken as a checkpoint, which costs at most a scan.
        write(files, syncer, indexFile, firstSequence, length, recordCount, triples[2], lastArrival, triples, false);
        LOG.info("Rewrote index file {} in version {}", indexFile, VERSION);
        return new Header(firstSequence, length, recordCount, triples[2], lastArrival, entries, false);
    }

    private static String problemWithVersion1(byte[] bytes, long firstSequence) {
        if (bytes.length < V1_HEADER_BYTES + CRC_BYTES) {
            return "too short";
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        if ((int) crc.getValue() != buffer.getInt(bytes.length - CRC_BYTES)) {
            return "CRC mismatch";
        }
        long length = buffer.getLong(8);
        long recordCount = buffer.getLong(16);
        long lastArrival = buffer.getLong(24);
        int entries = buffer.getInt(32);
        if (entries <= 0 || bytes.length != V1_HEADER_BYTES + (long) entries * ENTRY_BYTES + CRC_BYTES) {
            return "entry count does not match its size";
        }
        if (recordCount <= 0 || entries > recordCount || lastArrival < buffer.getLong(V1_HEADER_BYTES + 16)) {
            return "inconsistent header";
        }
        return problemWithEntries(buffer, V1_HEADER_BYTES, entries, firstSequence, recordCount, length, Long.MIN_VALUE);
    }

    /**
     * The sparse index of a sealed segment opened from its index file's header: the file's entries
     * if the file is whole and matches the header, else the index rebuilt by scanning the segment
     * (and the file rewritten, if the scan agrees with the header).
     */
    static SparseIndex readOrRebuild(StorageFiles files, FileSyncer syncer, Path indexFile, Path logFile, Header header,
                                     int indexIntervalBytes) throws IOException {
        SparseIndex loaded = IndexFile.readEntries(files, indexFile, header);
        if (loaded != null) {
            return loaded;
        }
        SegmentScan scan = SegmentScan.of(files, logFile, header.firstSequence(), -1, indexIntervalBytes);
        boolean agrees = scan.clean() && scan.validLength() == header.length()
                && scan.recordCount() == header.recordCount() && scan.lastArrivalMillis() == header.lastArrivalMillis()
                && scan.index().arrivalMillis(0) == header.firstArrivalMillis();
        if (agrees) {
            IndexFile.write(files, syncer, indexFile, header.firstSequence(), scan.validLength(), scan.recordCount(),
                    header.firstArrivalMillis(), scan.lastArrivalMillis(), scan.index().toTriples(), header.sealed());
        } else {
            LOG.warn("Segment {} does not match its index file: {} valid record(s) in {} of {} bytes ({}), the index named {} "
                    + "record(s); reads past the valid ones fail", logFile, scan.recordCount(), scan.validLength(),
                    scan.fileLength(), scan.problem() == null ? "no invalid frame" : scan.problem(), header.recordCount());
        }
        return scan.index();
    }
}
