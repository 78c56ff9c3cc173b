package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the journal directory (see {@link Journal} for their format): the journal files
 * in use, in order, the spare ones kept for reuse, and the checkpoint. Thread-safe: the commit
 * thread adds files as the journal rolls, the flusher releases them after a checkpoint.
 */
final class JournalDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(JournalDirectory.class);
    private static final int CHECKPOINT_MAGIC = 0x57524A43; // "WRJC"
    private static final int CHECKPOINT_VERSION = 1;
    private static final int CHECKPOINT_BYTES = 20;

    /** A journal file in use: the journal position its first entry has. */
    record InUse(long id, Path path, long start) {
    }

    private final Path directory;
    private final StorageFiles files;
    private final FileSyncer syncer;
    private final int maxSpares;
    private final Deque<InUse> inUse = new ArrayDeque<>();
    private final Deque<Path> spares = new ArrayDeque<>();
    private long nextId = 1;

    JournalDirectory(Path directory, StorageFiles files, FileSyncer syncer, int maxSpares) {
        this.directory = directory;
        this.files = files;
        this.syncer = syncer;
        this.maxSpares = maxSpares;
    }

    Path directory() {
        return directory;
    }

    /** Journal files in id order; leftover temporary files are deleted. */
    synchronized List<Path> listFiles() throws IOException {
        List<Path> journalFiles = new ArrayList<>();
        for (Path entry : files.list(directory)) {
            String name = entry.getFileName().toString();
            if (StorageNames.isTemporaryFile(name)) {
                files.deleteIfExists(entry);
            } else if (StorageNames.isJournalFile(name)) {
                journalFiles.add(entry);
                nextId = Math.max(nextId, StorageNames.journalFileId(name) + 1);
            }
        }
        journalFiles.sort(Comparator.comparing(path -> path.getFileName().toString()));
        return journalFiles;
    }

    /** The start position in a journal file's header, or -1 if it has no valid header (a new or half made file). */
    long readStart(Path file) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(JournalEntry.FILE_HEADER_BYTES);
        try (FileChannel channel = files.open(file, StandardOpenOption.READ)) {
            while (header.hasRemaining()) {
                if (channel.read(header, header.position()) < 0) {
                    break;
                }
            }
        }
        header.flip();
        return JournalEntry.fileStart(header);
    }

    /** The checkpoint's position, or -1 if there is none (or it is unusable: then the whole journal is read). */
    long readCheckpoint() throws IOException {
        Path file = directory.resolve(StorageNames.JOURNAL_CHECKPOINT);
        byte[] bytes = AtomicFiles.readIfExists(files, file);
        if (bytes == null) {
            return -1;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, Math.min(bytes.length, CHECKPOINT_BYTES - 4));
        if (bytes.length != CHECKPOINT_BYTES || buffer.getInt(0) != CHECKPOINT_MAGIC || buffer.getInt(4) != CHECKPOINT_VERSION
                || (int) crc.getValue() != buffer.getInt(16) || buffer.getLong(8) < 0) {
            LOG.warn("Journal checkpoint {} is unusable; the journal is read from its first file", file);
            return -1;
        }
        return buffer.getLong(8);
    }

    /** Replaces the checkpoint durably. */
    void writeCheckpoint(long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHECKPOINT_BYTES);
        buffer.putInt(CHECKPOINT_MAGIC).putInt(CHECKPOINT_VERSION).putLong(position);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, 16);
        buffer.putInt((int) crc.getValue());
        // The directory is fsynced too: an older checkpoint would still be right, but replay more.
        AtomicFiles.write(files, directory.resolve(StorageNames.JOURNAL_CHECKPOINT), buffer.array(), syncer, true);
    }

    /** Recovery found this file in use, starting at {@code start}. */
    synchronized void addInUse(Path file, long start) {
        inUse.addLast(new InUse(StorageNames.journalFileId(file.getFileName().toString()), file, start));
    }

    /** Recovery found this file unused (a spare, or one that never got a valid header). */
    synchronized void addSpare(Path file) throws IOException {
        if (spares.size() < maxSpares) {
            spares.addLast(file);
        } else {
            files.deleteIfExists(file);
        }
    }

    /**
     * The file the journal continues in from {@code start}: a spare (already allocated, so its
     * fdatasyncs flush data only; what it held before is told apart by the positions) or a new
     * file. Its name is made durable here; its header is the caller's to write.
     *
     * @return the file, and whether it is a reused spare
     */
    synchronized Next next(long start) throws IOException {
        Path spare = spares.pollFirst();
        Path file;
        if (spare != null && StorageNames.journalFileId(spare.getFileName().toString()) >= nextIdAfterInUse()) {
            file = spare;
        } else {
            if (spare != null) {
                files.deleteIfExists(spare);
            }
            file = directory.resolve(StorageNames.journalFile(nextId++));
            spare = null;
        }
        FileChannel channel = files.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        syncer.syncDirectory(directory);
        inUse.addLast(new InUse(StorageNames.journalFileId(file.getFileName().toString()), file, start));
        return new Next(file, channel, spare != null);
    }

    record Next(Path file, FileChannel channel, boolean reused) {
    }

    private long nextIdAfterInUse() {
        return inUse.isEmpty() ? 0 : inUse.getLast().id() + 1;
    }

    /**
     * Releases the files whose entries all lie before {@code position} (the next file starts at or
     * before it): up to {@code maxSpares} are renamed to the next ids and kept for reuse, the
     * others deleted. The last file in use is never released.
     */
    synchronized void releaseBefore(long position) throws IOException {
        while (inUse.size() > 1) {
            InUse first = inUse.pollFirst();
            InUse second = inUse.peekFirst();
            if (second.start() > position) {
                inUse.addFirst(first);
                return;
            }
            if (spares.size() < maxSpares) {
                Path renamed = directory.resolve(StorageNames.journalFile(nextId++));
                files.move(first.path(), renamed);
                spares.addLast(renamed);
            } else {
                files.deleteIfExists(first.path());
            }
        }
    }

    /** Deletes every journal file (the journal is empty and will not be written: a store opened without fsync). */
    synchronized void deleteAll() throws IOException {
        for (InUse file : inUse) {
            files.deleteIfExists(file.path());
        }
        for (Path spare : spares) {
            files.deleteIfExists(spare);
        }
        inUse.clear();
        spares.clear();
    }

    /** Bytes of the journal files in use and spare, for metrics. */
    synchronized long fileBytes() {
        long total = 0;
        for (InUse file : inUse) {
            total += sizeOf(file.path());
        }
        for (Path spare : spares) {
            total += sizeOf(spare);
        }
        return total;
    }

    private long sizeOf(Path file) {
        try {
            return files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
