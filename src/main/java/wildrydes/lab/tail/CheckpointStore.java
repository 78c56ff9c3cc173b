package wildrydes.lab.tail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import wildrydes.lab.common.StateFile;

/**
 * A {@link Checkpoint} in a file of its own, replaced atomically and durably: written to
 * {@code NAME.tmp}, forced to disk, renamed over {@code NAME}, and the directory forced so the
 * rename survives a power cut. A reader therefore sees the old checkpoint or the new one, never
 * a mix. While open, the store holds an OS lock on {@code NAME.lock}, so two tools cannot
 * advance one checkpoint at once.
 *
 * <p>The file is UTF-8 text: the line {@code wildrydes-checkpoint 1}, the checkpoint's own lines
 * ({@link Checkpoint#encode()}), then {@code crc32c XXXXXXXX}, the CRC-32C (hex) of every byte
 * before that line. A file that fails the check is refused, never silently replaced: starting
 * over would repeat or skip records.
 */
public final class CheckpointStore implements AutoCloseable {
    static final String HEADER = "wildrydes-checkpoint 1";

    private final Path file;
    private final Path temporary;
    private final StateFile.Lock lock;

    private CheckpointStore(Path file, StateFile.Lock lock) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
        this.lock = lock;
    }

    /** Opens (and locks) the checkpoint kept at {@code file}; its directory is created if needed. */
    public static CheckpointStore open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        StateFile.Lock lock = StateFile.Lock.take(absolute.resolveSibling(absolute.getFileName() + ".lock"),
                "another process is using the checkpoint " + absolute + ": stop it first");
        return new CheckpointStore(absolute, lock);
    }

    public Path file() {
        return file;
    }

    /** The stored checkpoint, or an empty one for {@code stream} when there is none yet. */
    public Checkpoint load(String stream) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return Checkpoint.empty(stream);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int crcLine = text.lastIndexOf("\ncrc32c ") + 1;
        if (!text.startsWith(HEADER + "\n") || crcLine == 0 || !text.endsWith("\n")) {
            throw damaged("it is not a wildrydes checkpoint or it is cut short");
        }
        String stored = text.substring(crcLine + "crc32c ".length()).strip();
        String computed = StateFile.crc(text.substring(0, crcLine));
        if (!stored.equals(computed)) {
            throw damaged("its checksum is " + stored + " but its content sums to " + computed);
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.decode(text.substring(HEADER.length() + 1, crcLine));
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage());
        }
        if (checkpoint.stream() != null && stream != null && !checkpoint.stream().equals(stream)) {
            throw new IOException("the checkpoint " + file + " belongs to stream " + checkpoint.stream() + ", not " + stream
                    + ": use another checkpoint file for this stream");
        }
        return checkpoint;
    }

    /** Replaces the stored checkpoint; when this returns, the new one survives a crash or a power cut. */
    public void save(Checkpoint checkpoint) throws IOException {
        String body = HEADER + "\n" + checkpoint.encode();
        StateFile.replace(file, temporary, body);
    }

    private IOException damaged(String why) {
        return new IOException("the checkpoint " + file + " is damaged (" + why + "): restore it from a backup, or delete it "
                + "to start again from the start position (records may then be read twice or skipped)");
    }


    @Override
    public void close() throws IOException {
        lock.close();
    }
}
