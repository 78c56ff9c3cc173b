package wildrydes.lab.aggregate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import wildrydes.lab.common.StateFile;

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
    private final StateFile.Lock lock;

    private StateStore(Path directory, StateFile.Lock lock) {
        this.directory = directory;
        this.file = directory.resolve("state");
        this.temporary = directory.resolve("state.tmp");
        this.lock = lock;
    }

    /** Opens (creating it if needed) and locks the state directory. */
    static StateStore open(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        Files.createDirectories(absolute);
        StateFile.Lock lock = StateFile.Lock.take(absolute.resolve("lock"),
                "another aggregate is running with the state in " + absolute + ": stop it first, or pass -state DIR");
        return new StateStore(absolute, lock);
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
        String computed = StateFile.crc(text.substring(0, crcLine));
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
        StateFile.replace(file, temporary, body);
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


    @Override
    public void close() throws IOException {
        lock.close();
    }
}
