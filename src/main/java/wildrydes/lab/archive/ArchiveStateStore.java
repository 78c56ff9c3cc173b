package wildrydes.lab.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import wildrydes.lab.common.StateFile;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.StartPosition;

/**
 * An {@link ArchiveState} in a file of its own, {@code <lake>/.archive/<name>.state}, replaced
 * atomically and durably (written aside, forced, renamed over, directory forced), so a crash
 * leaves the old state or the new one. While open it holds an OS lock on {@code <name>.lock}:
 * one archive process per delivery stream and lake.
 *
 * <p>The file is UTF-8 text, one item a line:
 * <pre>
 *   wildrydes-archive 1
 *   start trim-horizon                  (or: start at-timestamp 2026-12-03T10:15:00Z)
 *   delivered RECORDS BYTES OBJECTS OBJECT-BYTES CONVERSION-FAILURES
 *   checkpoint
 *   ...the checkpoint's lines (Checkpoint#encode)...
 *   end
 *   intent                              (only while objects are being renamed into place)
 *   move STAGED-FILE OBJECT-KEY         (paths relative to the lake, one line per object)
 *   delivered ...                       (the totals once they are in place)
 *   checkpoint
 *   ...the checkpoint once they are in place...
 *   end
 *   crc32c XXXXXXXX                     (CRC-32C of every byte before this line, hex)
 * </pre>
 * A file that fails the check is refused, never replaced: guessing would repeat or lose records.
 */
public final class ArchiveStateStore implements AutoCloseable {
    static final String HEADER = "wildrydes-archive 1";

    private final Path file;
    private final Path temporary;
    private final StateFile.Lock lock;

    private ArchiveStateStore(Path file, StateFile.Lock lock) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
        this.lock = lock;
    }

    /** Opens and locks the state of delivery stream {@code name} in {@code lake}. */
    public static ArchiveStateStore open(Path lake, String name) throws IOException {
        Path directory = LakeLayout.stateDirectory(lake);
        DurableFiles.createDirectories(directory);
        StateFile.Lock lock = StateFile.Lock.take(directory.resolve(name + ".lock"),
                "another archive process is delivering " + name + " to " + lake + ": stop it first");
        return new ArchiveStateStore(directory.resolve(name + ".state"), lock);
    }

    public Path file() {
        return file;
    }

    /** The stored state, or null when this delivery stream has none yet. */
    public ArchiveState load() throws IOException {
        return read(file);
    }

    /** Reads a state file without locking it (for the console and tests); null when there is none. */
    public static ArchiveState read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int crcLine = text.lastIndexOf("\ncrc32c ") + 1;
        if (!text.startsWith(HEADER + "\n") || crcLine == 0 || !text.endsWith("\n")) {
            throw damaged(file, "it is not a wildrydes archive state or it is cut short");
        }
        String stored = text.substring(crcLine + "crc32c ".length()).strip();
        String computed = StateFile.crc(text.substring(0, crcLine));
        if (!stored.equals(computed)) {
            throw damaged(file, "its checksum is " + stored + " but its content sums to " + computed);
        }
        try {
            return decode(text.substring(HEADER.length() + 1, crcLine).split("\n"));
        } catch (RuntimeException e) {
            throw damaged(file, e.getMessage());
        }
    }

    /** Replaces the stored state; once this returns it survives a crash or a power cut. */
    public void save(ArchiveState state) throws IOException {
        String body = HEADER + "\n" + encode(state);
        StateFile.replace(file, temporary, body);
    }

    static String encode(ArchiveState state) {
        StringBuilder text = new StringBuilder();
        StartPosition start = state.start();
        text.append("start ").append(start.timestamp() == null ? "trim-horizon" : "at-timestamp " + start.timestamp()).append('\n');
        appendProgress(text, state.delivered(), state.checkpoint());
        if (state.intent() != null) {
            text.append("intent\n");
            for (ArchiveState.Move move : state.intent().moves()) {
                text.append("move ").append(move.staged()).append(' ').append(move.target()).append('\n');
            }
            appendProgress(text, state.intent().delivered(), state.intent().checkpoint());
        }
        return text.toString();
    }

    private static void appendProgress(StringBuilder text, Delivered delivered, Checkpoint checkpoint) {
        text.append("delivered ").append(delivered.encode()).append('\n')
                .append("checkpoint\n").append(checkpoint.encode()).append("end\n");
    }

    static ArchiveState decode(String[] lines) {
        Cursor cursor = new Cursor(lines);
        String[] start = cursor.words("start");
        StartPosition position = switch (start.length == 2 ? start[1] : start.length == 3 ? start[1] : "") {
            case "trim-horizon" -> StartPosition.TRIM_HORIZON;
            case "at-timestamp" -> StartPosition.atTimestamp(Instant.parse(start[2]));
            default -> throw new IllegalArgumentException("line 1: unknown start '" + String.join(" ", start) + "'");
        };
        Delivered delivered = Delivered.decode(cursor.words("delivered"), 1);
        Checkpoint checkpoint = cursor.checkpoint();
        ArchiveState.Intent intent = null;
        if (cursor.hasMore()) {
            cursor.words("intent");
            List<ArchiveState.Move> moves = new ArrayList<>();
            while (cursor.peekIs("move")) {
                String[] move = cursor.words("move");
                if (move.length != 3) {
                    throw new IllegalArgumentException("a move names a staged file and an object key");
                }
                moves.add(new ArchiveState.Move(move[1], move[2]));
            }
            Delivered then = Delivered.decode(cursor.words("delivered"), 1);
            intent = new ArchiveState.Intent(moves, cursor.checkpoint(), then);
        }
        if (cursor.hasMore()) {
            throw new IllegalArgumentException("unexpected line '" + cursor.peek() + "'");
        }
        return new ArchiveState(position, checkpoint, delivered, intent);
    }

    /** Reads the lines in order. */
    private static final class Cursor {
        private final String[] lines;
        private int next;

        Cursor(String[] lines) {
            this.lines = lines;
        }

        boolean hasMore() {
            return next < lines.length;
        }

        String peek() {
            return lines[next];
        }

        boolean peekIs(String keyword) {
            return hasMore() && (lines[next].equals(keyword) || lines[next].startsWith(keyword + " "));
        }

        String[] words(String keyword) {
            if (!peekIs(keyword)) {
                throw new IllegalArgumentException("line " + (next + 2) + ": expected '" + keyword + "', found '"
                        + (hasMore() ? lines[next] : "the end") + "'");
            }
            return lines[next++].split(" ");
        }

        Checkpoint checkpoint() {
            words("checkpoint");
            StringBuilder text = new StringBuilder();
            while (hasMore() && !lines[next].equals("end")) {
                text.append(lines[next++]).append('\n');
            }
            words("end");
            return Checkpoint.decode(text.toString());
        }
    }

    private static IOException damaged(Path file, String why) {
        return new IOException("the archive state " + file + " is damaged (" + why + "): restore it from a backup, or move "
                + "the delivery stream's folder and state aside to deliver the stream again from the start");
    }


    @Override
    public void close() throws IOException {
        lock.close();
    }
}
