package wildrydes.lab.aggregate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * An aggregation's state directory: {@code state} (an {@link AggregateState}) and {@code lock}.
 * The state is replaced atomically and durably: written to {@code state.tmp}, forced to disk,
 * renamed over {@code state}, and the directory forced, so after a crash or power cut the file
 * is the old state or the new one, never a mix. While open, the store holds an OS lock on
 * {@code lock}: one aggregation per directory.
 *
 * <p>The file is UTF-8 text: the line {@code wildrydes-aggregate 1}, the state's lines (see
 * {@link AggregateState#encode()}), then {@code crc32c XXXXXXXX}, the CRC-32C (hex) of every
 * byte before that line. A damaged file is refused, never replaced silently: starting over
 * would emit windows twice or lose them.
 */
final class StateStore implements AutoCloseable {
    private final Path directory;
    private final Path file;
    private final Path temporary;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateStore(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.file = directory.resolve("state");
        this.temporary = directory.resolve("state.tmp");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating it if needed) and locks the state directory. */
    static StateStore open(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        Files.createDirectories(absolute);
        FileChannel channel = FileChannel.open(absolute.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
            throw new IOException("another aggregate is running with the state in " + absolute + ": stop it first, or pass -state DIR");
        }
        return new StateStore(absolute, channel, lock);
    }

    Path directory() {
        return directory;
    }

    /** The stored state, or null when there is none yet. */
    AggregateState load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int crcLine = text.lastIndexOf("\ncrc32c ") + 1;
        if (!text.startsWith(AggregateState.HEADER + "\n") || crcLine == 0 || !text.endsWith("\n")) {
            throw damaged("it is not an aggregate state or it is cut short");
        }
        String stored = text.substring(crcLine + "crc32c ".length()).strip();
        String computed = crc(text.substring(0, crcLine).getBytes(StandardCharsets.UTF_8));
        if (!stored.equals(computed)) {
            throw damaged("its checksum is " + stored + " but its content sums to " + computed);
        }
        try {
            return AggregateState.decode(text.substring(AggregateState.HEADER.length() + 1, crcLine));
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage());
        }
    }

    /** Replaces the stored state; when this returns, the new one survives a crash or a power cut. */
    void save(AggregateState state) throws IOException {
        String body = state.encode();
        String text = body + "crc32c " + crc(body.getBytes(StandardCharsets.UTF_8)) + "\n";
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true); // the rename itself must reach the disk
        }
    }

    /** Keeps the current state aside as {@code state.NAME} (when an aggregation starts over on another stream). */
    Path setAside(String name) throws IOException {
        Path aside = directory.resolve("state." + name);
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }

    private IOException damaged(String why) {
        return new IOException("the aggregate state " + file + " is damaged (" + why + "): restore it from a backup, or delete "
                + directory + " to start again (windows may then be emitted twice or lost)");
    }

    private static String crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
