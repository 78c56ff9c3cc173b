package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The write side of a segment that takes appends: its channel and how far zeros were written
 * ahead of the frames. Used under the owning log's lock, except {@link #force} (the flusher).
 */
final class SegmentWriter {

    private final FileChannel channel;
    /** The file's length: the frames plus the zeros written ahead. */
    private long allocatedBytes;

    SegmentWriter(FileChannel channel, long length) {
        this.channel = channel;
        this.allocatedBytes = length;
    }

    /**
     * Writes the bytes at {@code start} (the end of the frames) in one positional write. If the
     * write fails, the file is cut back to {@code start}; if that fails too the exception says so.
     *
     * <p>With {@code preallocateBytes} above 0, the file is first extended with that many zeros
     * whenever the bytes would pass its end, so that appends overwrite blocks the file system has
     * already allocated and written: an fdatasync then flushes data only, with no journal commit
     * for a new file size and new blocks, which makes it several times faster on ext4 and XFS.
     * Writes larger than the chunk are written as they are. The zeros are cut off when the segment
     * is sealed or closed; after a crash recovery finds them after the last frame and cuts them
     * off quietly (see {@link SegmentScan}).
     */
    void write(ByteBuffer contents, long start, long preallocateBytes) throws IOException {
        try {
            long end = start + contents.remaining();
            if (end > allocatedBytes && preallocateBytes > 0 && contents.remaining() < preallocateBytes) {
                writeZeros(Math.max(allocatedBytes, start), preallocateBytes);
            }
            long position = start;
            while (contents.hasRemaining()) {
                position += channel.write(contents, position);
            }
            allocatedBytes = Math.max(allocatedBytes, position);
        } catch (IOException e) {
            try {
                channel.truncate(start);
                allocatedBytes = start;
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
                throw new UnrecoverableWriteException(e);
            }
            throw e;
        }
    }

    private void writeZeros(long from, long bytes) throws IOException {
        Zeros.write(channel, from, bytes);
        allocatedBytes = from + bytes;
    }

    /** Cuts the file back to a frame boundary (zeros written ahead go with it). */
    void truncate(long length) throws IOException {
        channel.truncate(length);
        allocatedBytes = length;
    }

    /** Cuts the zeros written ahead off the file, so that its length is that of its frames. */
    void cutPreallocated(long frameBytes) throws IOException {
        if (allocatedBytes > frameBytes) {
            truncate(frameBytes);
        }
    }

    void force(FileSyncer syncer) throws IOException {
        syncer.force(channel);
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    void close() throws IOException {
        channel.close();
    }

    /** A write failed and the file could not be cut back: its tail is unknown until the log is reopened. */
    static final class UnrecoverableWriteException extends IOException {
        UnrecoverableWriteException(IOException cause) {
            super("write failed and the file could not be truncated back", cause);
        }
    }
}
