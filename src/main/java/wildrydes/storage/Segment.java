package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file of a {@link FileShardLog}: its frames, their sparse index and its channels.
 * Writes, seals and truncations happen under the owning log's lock; readers use the volatile
 * fields and a read channel of their own, which is reopened if an interrupted reader closed it.
 */
final class Segment {

    private final long firstSequence;
    private final Path logFile;
    private final Path indexFile;
    private final SparseIndex index;
    private final Object readChannelLock = new Object();

    private volatile long sizeBytes;
    private volatile long recordCount;
    private volatile long lastArrivalMillis;
    private volatile boolean sealed;
    private volatile boolean removed;
    private volatile boolean closed;
    private volatile FileChannel writeChannel;
    private volatile FileChannel readChannel;

    private Segment(Path directory, long firstSequence, SparseIndex index, long sizeBytes, long recordCount,
                    long lastArrivalMillis, FileChannel writeChannel) {
        this.firstSequence = firstSequence;
        this.logFile = directory.resolve(StorageNames.segmentFile(firstSequence));
        this.indexFile = directory.resolve(StorageNames.indexFile(firstSequence));
        this.index = index;
        this.sizeBytes = sizeBytes;
        this.recordCount = recordCount;
        this.lastArrivalMillis = lastArrivalMillis;
        this.writeChannel = writeChannel;
        this.sealed = writeChannel == null;
    }

    /** Creates an empty segment file (replacing any leftover of that name) to append to. */
    static Segment create(Path directory, long firstSequence) throws IOException {
        Files.deleteIfExists(directory.resolve(StorageNames.indexFile(firstSequence)));
        FileChannel channel = FileChannel.open(directory.resolve(StorageNames.segmentFile(firstSequence)),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new Segment(directory, firstSequence, new SparseIndex(), 0, 0, -1, channel);
    }

    /** A recovered segment that appends continue into. */
    static Segment active(Path directory, long firstSequence, SparseIndex index, long sizeBytes, long recordCount,
                          long lastArrivalMillis) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(StorageNames.segmentFile(firstSequence)),
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(directory, firstSequence, index, sizeBytes, recordCount, lastArrivalMillis, channel);
    }

    /** A recovered read-only segment. */
    static Segment sealed(Path directory, long firstSequence, SparseIndex index, long sizeBytes, long recordCount,
                          long lastArrivalMillis) {
        return new Segment(directory, firstSequence, index, sizeBytes, recordCount, lastArrivalMillis, null);
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
        return index.count() == 0 ? -1 : index.arrivalMillis(0);
    }

    SparseIndex index() {
        return index;
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

    FileChannel writeChannel() {
        return writeChannel;
    }

    /**
     * Appends the batch at the end of the file in one write and indexes its frames. If the write
     * fails, the file is cut back to where it was; if that fails too the exception says so.
     */
    void append(EncodedBatch batch, long batchFirstSequence, long arrivalMillis, int indexIntervalBytes) throws IOException {
        long start = sizeBytes;
        ByteBuffer contents = batch.contents();
        try {
            long position = start;
            while (contents.hasRemaining()) {
                position += writeChannel.write(contents, position);
            }
        } catch (IOException e) {
            try {
                writeChannel.truncate(start);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
                throw new UnrecoverableWriteException(e);
            }
            throw e;
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
        writeChannel.truncate(position);
        index.truncateFrom(position);
        this.sizeBytes = position;
        this.recordCount = endSequence - firstSequence;
        this.lastArrivalMillis = recordCount == 0 ? -1 : lastArrivalMillis;
    }

    void seal() {
        sealed = true;
    }

    void unseal() {
        sealed = false;
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
                readChannel = FileChannel.open(logFile, StandardOpenOption.READ);
            }
            return readChannel;
        }
    }

    /** Once sealed and indexed no one writes again: release the descriptor. */
    void closeWriteChannel() throws IOException {
        FileChannel channel = writeChannel;
        writeChannel = null;
        if (channel != null) {
            channel.close();
        }
    }

    void close() throws IOException {
        synchronized (readChannelLock) {
            closed = true;
            IOException failure = null;
            for (FileChannel channel : new FileChannel[] {writeChannel, readChannel}) {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException e) {
                    failure = e;
                }
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
        Files.deleteIfExists(logFile);
        Files.deleteIfExists(indexFile);
    }

    @Override
    public String toString() {
        return logFile.toString();
    }

    /** A write failed and the file could not be cut back: its tail is unknown until the log is reopened. */
    static final class UnrecoverableWriteException extends IOException {
        UnrecoverableWriteException(IOException cause) {
            super("write failed and the file could not be truncated back", cause);
        }
    }
}
