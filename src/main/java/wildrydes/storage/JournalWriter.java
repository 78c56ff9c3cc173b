package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The commit thread's side of the journal files: the file being written, where the next entry
 * goes in it, and rolling to the next file once a group commit would pass {@code fileBytes}. A new
 * file is extended with zeros ahead of the entries ({@code preallocateBytes} at a time), so
 * that a group commit's fdatasync flushes data only; a reused spare is allocated already.
 * Only the commit thread uses it.
 */
final class JournalWriter {

    private final JournalDirectory directory;
    private final FileSyncer syncer;
    private final long fileBytes;
    private final long preallocateBytes;
    private FileChannel channel;
    private long fileStart;
    /** File offset where the next entry goes. */
    private long offset;
    /** How far the file is allocated: its length. */
    private long allocated;

    JournalWriter(JournalDirectory directory, FileSyncer syncer, long fileBytes, long preallocateBytes) {
        this.directory = directory;
        this.syncer = syncer;
        this.fileBytes = fileBytes;
        this.preallocateBytes = preallocateBytes;
    }

    /** Starts the file the journal continues in at {@code start} (after recovery). */
    void open(long start) throws IOException {
        roll(start);
    }

    /** The journal position where the next entry goes. */
    long position() {
        return fileStart + (offset - JournalEntry.FILE_HEADER_BYTES);
    }

    /**
     * Writes one group commit's entries at the current position. A round goes whole into one
     * file: if it would pass the file's size, the journal first rolls to the next file (the
     * current one was forced whole by the previous group commit), so a file is always complete up
     * to where the next one starts. The caller forces the file.
     */
    void write(ByteBuffer round) throws IOException {
        if (!empty() && offset + round.remaining() > fileBytes) {
            roll(position());
        }
        writeAt(round);
    }

    private boolean empty() {
        return offset == JournalEntry.FILE_HEADER_BYTES;
    }

    private void writeAt(ByteBuffer slice) throws IOException {
        long end = offset + slice.remaining();
        if (end > allocated && preallocateBytes > 0) {
            writeZeros(Math.max(allocated, offset), Math.max(preallocateBytes, end - Math.max(allocated, offset)));
        }
        long at = offset;
        while (slice.hasRemaining()) {
            at += channel.write(slice, at);
        }
        offset = at;
        allocated = Math.max(allocated, at);
    }

    private void writeZeros(long from, long bytes) throws IOException {
        Zeros.write(channel, from, bytes);
        allocated = from + bytes;
    }

    private void roll(long start) throws IOException {
        JournalDirectory.Next next = directory.next(start);
        if (channel != null) {
            channel.close();
        }
        channel = next.channel();
        fileStart = start;
        offset = JournalEntry.FILE_HEADER_BYTES;
        allocated = channel.size(); // a reused spare is allocated already: its fdatasyncs flush data only
        ByteBuffer header = JournalEntry.fileHeader(start);
        long at = 0;
        while (header.hasRemaining()) {
            at += channel.write(header, at);
        }
        allocated = Math.max(allocated, at);
    }

    /** Forces the current file (a group commit's one fdatasync). */
    void force() throws IOException {
        syncer.force(channel);
    }

    /**
     * After a failed group commit: the file that holds the failed round (a round never spans
     * files) is cut at {@code position}, the round's start, and forced, so that neither this
     * process nor a restart can read the failed entries back; the journal goes on from there.
     */
    void cutBackTo(long position) throws IOException {
        long length = JournalEntry.FILE_HEADER_BYTES + (position - fileStart);
        channel.truncate(length);
        syncer.force(channel);
        offset = length;
        allocated = length;
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
