package wildrydes.lab.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * What the lab tools' small state files (a checkpoint, an aggregation's or an archive's state)
 * share: one process at a time holds a lock file, and a state is replaced whole, durably. Each
 * file's text ends with a line {@code crc32c XXXXXXXX}, the CRC-32C (hex) of every byte before it.
 */
public final class StateFile {
    private StateFile() {
    }

    /** An exclusive lock on a lock file, held until closed. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        /**
         * Takes the lock on {@code lockFile} (created if needed) without waiting.
         *
         * @param refusal the one-line error when another process (or this one) holds it
         */
        public static Lock take(Path lockFile, String refusal) throws IOException {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new IOException(refusal);
            }
            return new Lock(channel, lock);
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Replaces {@code file} with {@code body} and its CRC line: written to {@code temporary},
     * forced, renamed over the file, and the directory forced, so that when this returns the new
     * state survives a crash or a power cut and a torn write is never seen.
     */
    public static void replace(Path file, Path temporary, String body) throws IOException {
        String text = body + "crc32c " + crc(body) + "\n";
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true); // the rename itself must reach the disk
        }
    }

    /** The CRC-32C of {@code text}'s UTF-8 bytes, as 8 hex digits. */
    public static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
