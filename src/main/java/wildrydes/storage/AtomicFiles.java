package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File operations that a crash or a power cut cannot leave half done. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces the file durably: writes a temporary file next to it, fsyncs it, renames it over the
     * target and fsyncs the directory, so that after a power cut either the old or the new content
     * is there, whole.
     */
    static void write(StorageFiles files, Path target, byte[] content, FileSyncer syncer) throws IOException {
        write(files, target, content, syncer, true);
    }

    /**
     * As {@link #write(StorageFiles, Path, byte[], FileSyncer)}; with {@code syncDirectory} false
     * the directory is fsynced only if the target did not exist before. That is enough for a file
     * whose every version is usable (a checkpoint): a cut may bring the previous version back,
     * never an empty or partial one.
     */
    static void write(StorageFiles files, Path target, byte[] content, FileSyncer syncer, boolean syncDirectory)
            throws IOException {
        boolean existed = !syncDirectory && files.exists(target);
        Path temporary = target.resolveSibling(StorageNames.temporaryFile(target.getFileName().toString()));
        try (FileChannel channel = files.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            syncer.force(channel);
        }
        files.move(temporary, target);
        if (!existed) {
            syncer.syncDirectory(target.getParent());
        }
    }

    /**
     * Replaces a derived file whose every version is checked when read (an index file): written
     * to a temporary file, renamed, then fsynced, and its directory fsynced only if the file is
     * new. The temporary file lives for one write; a power cut between the rename and the fsync
     * may leave a torn file, which its reader detects and rebuilds, never wrong data.
     */
    static void writeDerived(StorageFiles files, Path target, byte[] content, FileSyncer syncer) throws IOException {
        boolean existed = files.exists(target);
        Path temporary = target.resolveSibling(StorageNames.temporaryFile(target.getFileName().toString()));
        try (FileChannel channel = files.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            files.move(temporary, target);
            syncer.force(channel);
        }
        if (!existed) {
            syncer.syncDirectory(target.getParent());
        }
    }

    /** The file's content, or null if there is no such file. */
    static byte[] readIfExists(StorageFiles files, Path file) throws IOException {
        try {
            return files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Creates the directory and missing parents, fsyncing the parent of each one created. */
    static void createDirectories(StorageFiles files, Path directory, FileSyncer syncer) throws IOException {
        if (files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(files, parent, syncer);
        }
        try {
            files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            if (!files.isDirectory(directory)) {
                throw e;
            }
            return;
        }
        if (parent != null) {
            syncer.syncDirectory(parent);
        }
    }

    static void deleteRecursively(StorageFiles files, Path root) throws IOException {
        if (!files.exists(root)) {
            return;
        }
        if (files.isDirectory(root)) {
            for (Path entry : files.list(root)) {
                deleteRecursively(files, entry);
            }
        }
        files.deleteIfExists(root);
    }
}
