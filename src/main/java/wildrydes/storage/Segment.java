package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file of a {@link FileShardLog}: its frames, their sparse index and its channels.
 * Writes, seals and truncations happen under the owning log's lock (through its
 * {@link SegmentWriter} while it takes appends); readers use the volatile fields and a read
 * channel of their own, which is reopened if an interrupted reader closed it. A sealed segment
 * opened from its index file's header loads its sparse index when it is first read (see
 * {@link #index()}).
 */
final class Segment {

    private final StorageFiles files;
    private final FileSyncer syncer;
    private final long firstSequence;
    private final Path logFile;
    private final Path indexFile;
    /** Null until loaded, for a segment opened from its index file's header. */
    private volatile SparseIndex index;
    /** What the index file said when the segment was opened; null if the index was built otherwise. */
    private final IndexFile.Header indexHeader;
    private final int indexIntervalBytes;
    private final Object readChannelLock = new Object();
    private final Object indexLock = new Object();

    private volatile long sizeBytes;
    private volatile long recordCount;
    private volatile long firstArrivalMillis;
    private volatile long lastArrivalMillis;
    /** Bytes the index file on disk describes (0 if none); only grows. Written under indexLock. */
    private volatile long indexedLength;
    /** Whether the index file on disk says the segment is sealed, whole. Guarded by indexLock. */
    private boolean indexedWhole;
    private volatile boolean sealed;
    private volatile boolean removed;
    private volatile boolean closed;
    /** Null once the segment is sealed, durable and indexed, or was opened sealed. */
    private volatile SegmentWriter writer;
    private volatile FileChannel readChannel;

    private Segment(StorageFiles files, FileSyncer syncer, Path directory, long firstSequence, SparseIndex index,
                    IndexFile.Header indexHeader, int indexIntervalBytes, long sizeBytes, long recordCount,
                    long firstArrivalMillis, long lastArrivalMillis, long indexedLength, FileChannel writeChannel) {
        this.files = files;
        this.syncer = syncer;
        this.firstSequence = firstSequence;
        this.logFile = directory.resolve(StorageNames.segmentFile(firstSequence));
        this.indexFile = directory.resolve(StorageNames.indexFile(firstSequence));
        this.index = index;
        this.indexHeader = indexHeader;
        this.indexIntervalBytes = indexIntervalBytes;
        this.sizeBytes = sizeBytes;
        this.recordCount = recordCount;
        this.firstArrivalMillis = recordCount == 0 ? -1 : firstArrivalMillis;
        this.lastArrivalMillis = lastArrivalMillis;
        this.indexedLength = indexedLength;
        this.indexedWhole = indexHeader != null && indexHeader.sealed();
        this.writer = writeChannel == null ? null : new SegmentWriter(writeChannel, sizeBytes);
        this.sealed = writeChannel == null;
    }

    /** Creates an empty segment file (replacing any leftover of that name) to append to. */
    static Segment create(StorageFiles files, FileSyncer syncer, Path directory, long firstSequence) throws IOException {
        files.deleteIfExists(directory.resolve(StorageNames.indexFile(firstSequence)));
        FileChannel channel = files.open(directory.resolve(StorageNames.segmentFile(firstSequence)),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new Segment(files, syncer, directory, firstSequence, new SparseIndex(), null, 0, 0, 0, -1, -1, 0, channel);
    }

    /**
     * A recovered segment that appends continue into.
     *
     * @param indexedLength bytes that its index file on disk describes, 0 if it has none
     */
    static Segment active(StorageFiles files, FileSyncer syncer, Path directory, long firstSequence, SparseIndex index,
                          long sizeBytes, long recordCount, long lastArrivalMillis, long indexedLength) throws IOException {
        FileChannel channel = files.open(directory.resolve(StorageNames.segmentFile(firstSequence)),
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(files, syncer, directory, firstSequence, index, null, 0, sizeBytes, recordCount,
                firstArrivalOf(index), lastArrivalMillis, indexedLength, channel);
    }

    /** A recovered read-only segment whose index was built by scanning it. */
    static Segment sealed(StorageFiles files, FileSyncer syncer, Path directory, long firstSequence, SparseIndex index,
                          long sizeBytes, long recordCount, long lastArrivalMillis) {
        return new Segment(files, syncer, directory, firstSequence, index, null, 0, sizeBytes, recordCount,
                firstArrivalOf(index), lastArrivalMillis, 0, null);
    }

    /**
     * A recovered read-only segment known from its index file's header only, which names its
     * exact length; the sparse index is read when the segment is first read.
     *
     * @param indexIntervalBytes for rebuilding the index by scanning if the file turns out unusable then
     */
    static Segment sealedFromIndexHeader(StorageFiles files, FileSyncer syncer, Path directory, IndexFile.Header header,
                                         int indexIntervalBytes) {
        return new Segment(files, syncer, directory, header.firstSequence(), null, header, indexIntervalBytes,
                header.length(), header.recordCount(), header.firstArrivalMillis(), header.lastArrivalMillis(),
                header.length(), null);
    }

    private static long firstArrivalOf(SparseIndex index) {
        return index.count() == 0 ? -1 : index.arrivalMillis(0);
    }

    long firstSequence() {
        return firstSequence;
    }

    /** The sequence after this segment's last written record. */
    long endSequence() {
        return firstSequence + recordCount;
    }

    long recordCount() {
        return recordCount;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    long lastArrivalMillis() {
        return lastArrivalMillis;
    }

    /** Arrival time of the first record, -1 if the segment is empty. */
    long firstArrivalMillis() {
        return firstArrivalMillis;
    }

    /**
     * The sparse index, loaded on first use for a segment opened from its index file's header.
     * The index file is then read whole and checked against its CRC and the header seen on open;
     * if it is unusable the index is rebuilt by scanning the segment (and the file rewritten if the
     * scan agrees with the header). A scan that finds an invalid frame indexes the valid prefix
     * only, so a read past it fails on the corrupt frame.
     *
     * @throws java.nio.channels.ClosedChannelException if the segment was closed or deleted meanwhile
     */
    SparseIndex index() throws IOException {
        SparseIndex loaded = index;
        if (loaded != null) {
            return loaded;
        }
        synchronized (indexLock) {
            if (index == null) {
                try {
                    index = load();
                } catch (IOException e) {
                    if (closed || removed) {
                        ClosedChannelException gone = new ClosedChannelException();
                        gone.initCause(e);
                        throw gone;
                    }
                    throw e;
                }
            }
            return index;
        }
    }

    /** The index of a segment written or scanned by this process, which is always in memory. */
    SparseIndex activeIndex() {
        SparseIndex loaded = index;
        if (loaded == null) {
            throw new IllegalStateException("the index of " + this + " is not loaded");
        }
        return loaded;
    }

    /** Whether the sparse index is in memory (for tests). */
    boolean indexLoaded() {
        return index != null;
    }

    private SparseIndex load() throws IOException {
        if (closed || removed) {
            throw new ClosedChannelException();
        }
        SparseIndex loaded = IndexFile.readOrRebuild(files, syncer, indexFile, logFile, indexHeader, indexIntervalBytes);
        if (removed) {
            files.deleteIfExists(indexFile); // deleted while the index was rewritten
        }
        return loaded;
    }

    /**
     * Writes the index file for the first {@code length} bytes (whole, committed frames holding
     * {@code recordCount} records whose index entries are the triples) unless it already describes
     * as many. The bytes must be durable first: the index file is made durable too, and a restart
     * trusts what it describes. A file written for a segment deleted meanwhile is deleted again.
     */
    void writeIndexFile(long length, long recordCount, long lastArrivalMillis, long[] triples) throws IOException {
        writeIndexFile(length, recordCount, lastArrivalMillis, triples, false);
    }

    private void writeIndexFile(long length, long recordCount, long lastArrivalMillis, long[] triples, boolean whole)
            throws IOException {
        synchronized (indexLock) {
            if (removed || recordCount == 0 || (length <= indexedLength && !(whole && !indexedWhole))) {
                return;
            }
            IndexFile.write(files, syncer, indexFile, firstSequence, length, recordCount, triples[2], lastArrivalMillis, triples,
                    whole);
            indexedWhole = whole;
            indexedLength = length;
            if (removed) {
                files.deleteIfExists(indexFile);
            }
        }
    }

    /** Writes the index file of the whole segment, sealed and durable, unless it already describes it so. */
    void writeSealedIndexFile() throws IOException {
        writeIndexFile(sizeBytes, recordCount, lastArrivalMillis, index().toTriples(), true);
    }

    /** Writes a checkpoint of the whole segment, which goes on taking appends (durable, checked), unless it has one. */
    void writeCheckpointOfAll() throws IOException {
        writeIndexFile(sizeBytes, recordCount, lastArrivalMillis, index().toTriples(), false);
    }

    /** Bytes its index file describes, 0 if it has none. */
    long indexedLength() {
        return indexedLength;
    }

    Path logFile() {
        return logFile;
    }

    Path indexFile() {
        return indexFile;
    }

    boolean isSealed() {
        return sealed;
    }

    boolean isRemoved() {
        return removed;
    }

    /** Whether its file is still open for writing (it takes appends, or is sealed but not yet durable). */
    boolean writable() {
        return writer != null;
    }

    /**
     * Appends the stamped frames of a batch after the last frame, in one write, and indexes them
     * (see {@link SegmentWriter#write} for the zeros written ahead with {@code preallocateBytes}).
     */
    void append(EncodedBatch batch, long batchFirstSequence, long arrivalMillis, int indexIntervalBytes,
                long preallocateBytes) throws IOException {
        long start = sizeBytes;
        writer.write(batch.contents(), start, preallocateBytes);
        SparseIndex index = this.index;
        if (index.count() == 0) {
            firstArrivalMillis = arrivalMillis;
        }
        for (int i = 0; i < batch.count(); i++) {
            long framePosition = start + batch.frameOffset(i);
            if (index.count() == 0 || framePosition - index.lastPosition() >= indexIntervalBytes) {
                index.add(batchFirstSequence + i, framePosition, arrivalMillis);
            }
        }
        lastArrivalMillis = arrivalMillis;
        recordCount += batch.count();
        sizeBytes = start + batch.sizeBytes();
    }

    /** Cuts the file back to a frame boundary, dropping the records from {@code endSequence} on. */
    void truncate(long position, long endSequence, long lastArrivalMillis) throws IOException {
        writer.truncate(position);
        index.truncateFrom(position);
        this.sizeBytes = position;
        this.recordCount = endSequence - firstSequence;
        this.lastArrivalMillis = recordCount == 0 ? -1 : lastArrivalMillis;
        if (recordCount == 0) {
            firstArrivalMillis = -1;
        }
    }

    /** No more appends: the file is cut to its frames (the cut is made durable by the flush that follows). */
    void seal() throws IOException {
        writer.cutPreallocated(sizeBytes);
        sealed = true;
    }

    /** No more appends to a segment about to be deleted: nothing to cut. */
    void sealForRemoval() {
        sealed = true;
    }

    void unseal() {
        sealed = false;
    }

    /**
     * Forces what was written to the device. A segment without a write channel is durable already.
     *
     * @throws ClosedChannelException if the segment was deleted or closed meanwhile
     */
    void force() throws IOException {
        SegmentWriter current = writer;
        if (current != null) {
            current.force(syncer);
        }
    }

    /** The channel readers use, opened on first use. */
    FileChannel readChannel() throws IOException {
        FileChannel channel = readChannel;
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        synchronized (readChannelLock) {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (readChannel == null || !readChannel.isOpen()) {
                readChannel = files.open(logFile, StandardOpenOption.READ);
            }
            return readChannel;
        }
    }

    /** Once sealed, durable and indexed no one writes again: release the descriptor. */
    void closeWriteChannel() throws IOException {
        SegmentWriter current = writer;
        writer = null;
        if (current != null) {
            current.close();
        }
    }

    void close() throws IOException {
        synchronized (readChannelLock) {
            closed = true;
            IOException failure = null;
            SegmentWriter writing = writer;
            if (writing != null && !removed && writing.isOpen()) {
                try {
                    writing.cutPreallocated(sizeBytes); // a clean close leaves the file as long as its frames
                } catch (IOException e) {
                    failure = e;
                }
            }
            try {
                if (writing != null) {
                    writing.close();
                }
            } catch (IOException e) {
                failure = e;
            }
            try {
                if (readChannel != null) {
                    readChannel.close();
                }
            } catch (IOException e) {
                failure = e;
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Closes and deletes the segment and its index; readers still on it see it as removed. */
    void delete() throws IOException {
        removed = true;
        close();
        files.deleteIfExists(logFile);
        files.deleteIfExists(indexFile);
    }

    @Override
    public String toString() {
        return logFile.toString();
    }
}
