package wildrydes.lab.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations whose result survives a crash or a power cut once they return: a file is
 * forced to disk before it counts as written, and a directory is forced after an entry is made,
 * renamed or removed in it (the entry itself lives in the directory, not in the file).
 */
final class DurableFiles {
    /** Writes to an output stream; the stream is the file's, not to be closed by the writer. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private DurableFiles() {
    }

    /** Creates {@code file} (it must not exist), lets {@code writer} fill it, and forces its content to disk. */
    static long write(Path file, Writer writer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            writer.write(out);
            out.flush();
            channel.force(true);
            return channel.size();
        }
    }

    /** Forces a file someone else wrote (DuckDB's COPY) to disk. */
    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a directory's entries to disk. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Creates {@code directory} and its missing parents, forcing the parent of each one made. */
    static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
            return;
        }
        if (parent != null) {
            forceDirectory(parent);
        }
    }

    /**
     * Renames {@code from} to {@code to} in one step (both on the same file system): a reader
     * sees no file or the whole file, never a part. The caller forces the target's directory.
     */
    static void moveAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }
}
