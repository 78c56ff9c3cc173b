package wildrydes.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file and directory operation the storage engine makes, so that a test can put a
 * simulated disk in place of the real one: one that keeps the writes nobody fsynced apart and
 * loses them on a simulated power cut (see the test suite's {@code SimulatedDisk}). Making things
 * durable is {@link FileSyncer}'s part. Paths are absolute or relative to the working directory,
 * as for {@link java.nio.file.Files}.
 */
interface StorageFiles {

    /** Opens a file as {@link FileChannel#open(Path, OpenOption...)} does. */
    FileChannel open(Path file, OpenOption... options) throws IOException;

    boolean exists(Path path);

    boolean isDirectory(Path path);

    /** Creates one directory; {@link java.nio.file.FileAlreadyExistsException} if something has that name. */
    void createDirectory(Path directory) throws IOException;

    /** The entries of a directory, in no particular order. */
    List<Path> list(Path directory) throws IOException;

    /** Deletes a file or an empty directory; {@link java.nio.file.NoSuchFileException} if there is none. */
    void delete(Path path) throws IOException;

    boolean deleteIfExists(Path path) throws IOException;

    /** Renames in one step, replacing the target if there is one. */
    void move(Path source, Path target) throws IOException;

    long size(Path file) throws IOException;

    /** The file's content; {@link java.nio.file.NoSuchFileException} if there is none. */
    byte[] readAllBytes(Path file) throws IOException;

    /**
     * Takes the lock that keeps a data directory to one engine: null if another process holds it.
     *
     * @throws java.nio.channels.OverlappingFileLockException if this process holds it
     */
    Closeable tryLock(Path lockFile) throws IOException;

    /** The machine's own file system. */
    StorageFiles SYSTEM = new SystemStorageFiles();
}
