package wildrydes.lab.process.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import wildrydes.lab.common.StateFile;
import wildrydes.lab.process.Json;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.ShardPosition;

/**
 * What an event source mapping must remember across a crash, in one file replaced atomically and
 * durably after every batch that completes (written aside, fsynced, renamed, directory fsynced):
 * per shard the position after the last record handled (invoked successfully, or discarded to
 * the on-failure destination) or that the shard is finished, each shard's open tumbling window
 * with its state, and when the mapping first started (so that shards it had not read from yet
 * resume from that moment rather than from a later LATEST). While open it holds an OS lock on
 * {@code NAME.lock}: one process per state file.
 *
 * <p>Format, UTF-8 text:
 * <pre>
 *   wildrydes-process-state 1
 *   started 2026-12-03T10:15:30.123Z
 *   window SHARD-ID START-EPOCH-SECONDS END-EPOCH-SECONDS BASE64-OF-STATE-JSON
 *   checkpoint
 *   ...the lines of {@link Checkpoint#encode()}...
 *   crc32c XXXXXXXX                       CRC-32C of every byte before this line
 * </pre>
 * A damaged file is refused with a one-line message, never silently replaced.
 */
public final class MappingState implements AutoCloseable {
    static final String HEADER = "wildrydes-process-state 1";

    private final Path file;
    private final StateFile.Lock lock;
    private final Instant started;
    private boolean resumed;
    private Checkpoint checkpoint;
    private final Map<String, WindowState> windows = new TreeMap<>();

    private MappingState(Path file, StateFile.Lock lock, Instant started, Checkpoint checkpoint) {
        this.file = file;
        this.lock = lock;
        this.started = started;
        this.checkpoint = checkpoint;
    }

    /** Opens and locks the state kept at {@code file}, or starts one (not written until the first batch). */
    public static MappingState open(Path file, String stream, Instant now) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        StateFile.Lock lock = StateFile.Lock.take(absolute.resolveSibling(absolute.getFileName() + ".lock"),
                "another process is using " + absolute + ": stop it first, or give this one another -state-dir");
        try {
            MappingState state = load(absolute, lock, stream, now);
            state.resumed = Files.exists(absolute);
            if (!state.resumed) {
                state.save();
            }
            return state;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static MappingState load(Path file, StateFile.Lock lock, String stream, Instant now) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return new MappingState(file, lock, now, Checkpoint.empty(stream));
        }
        int crcLine = text.lastIndexOf("\ncrc32c ") + 1;
        if (!text.startsWith(HEADER + "\n") || crcLine == 0 || !text.endsWith("\n")) {
            throw damaged(file, "it is not a wildrydes process state or it is cut short");
        }
        String body = text.substring(0, crcLine);
        String stored = text.substring(crcLine + "crc32c ".length()).strip();
        if (!stored.equals(StateFile.crc(body))) {
            throw damaged(file, "its checksum is " + stored + " but its content sums to " + StateFile.crc(body));
        }
        try {
            String[] parts = body.split("\ncheckpoint\n", 2);
            Instant started = null;
            Map<String, WindowState> windows = new TreeMap<>();
            for (String line : parts[0].lines().skip(1).toList()) {
                String[] words = line.split(" ");
                if (words[0].equals("started")) {
                    started = Instant.parse(words[1]);
                } else if (words[0].equals("window")) {
                    windows.put(words[1], new WindowState(Instant.ofEpochSecond(Long.parseLong(words[2])),
                            Instant.ofEpochSecond(Long.parseLong(words[3])),
                            Json.MAPPER.readTree(Base64.getDecoder().decode(words[4]))));
                } else {
                    throw new IllegalArgumentException("unexpected line '" + line + "'");
                }
            }
            Checkpoint checkpoint = Checkpoint.decode(parts[1]);
            if (checkpoint.stream() != null && !checkpoint.stream().equals(stream)) {
                throw new IOException("the state " + file + " belongs to stream " + checkpoint.stream() + ", not " + stream
                        + ": use another -state-dir for this stream");
            }
            MappingState state = new MappingState(file, lock, started == null ? now : started, checkpoint);
            state.windows.putAll(windows);
            return state;
        } catch (RuntimeException e) {
            throw damaged(file, e.getMessage());
        }
    }

    public synchronized Checkpoint checkpoint() {
        return checkpoint;
    }

    /** Whether the file existed: this run continues an earlier one. */
    public boolean resumed() {
        return resumed;
    }

    /** When the mapping first started: shards it never read resume from here. */
    public Instant started() {
        return started;
    }

    synchronized WindowState window(String shardId) {
        return windows.get(shardId);
    }

    /** Records that the shard is handled up to {@code position}, with its open window (null: none), durably. */
    synchronized void advance(String shardId, ShardPosition position, WindowState window) throws IOException {
        if (position != null) {
            checkpoint = checkpoint.with(shardId, position);
        }
        if (window == null) {
            windows.remove(shardId);
        } else {
            windows.put(shardId, window);
        }
        save();
    }

    /** Records that the shard was read to its end and handled, durably. */
    synchronized void finish(String shardId) throws IOException {
        checkpoint = checkpoint.withFinished(shardId);
        windows.remove(shardId);
        save();
    }

    public Path file() {
        return file;
    }

    private void save() throws IOException {
        StringBuilder body = new StringBuilder(HEADER).append('\n').append("started ").append(started).append('\n');
        windows.forEach((shard, w) -> body.append("window ").append(shard).append(' ').append(w.start().getEpochSecond()).append(' ')
                .append(w.end().getEpochSecond()).append(' ')
                .append(Base64.getEncoder().encodeToString(Json.write(w.state()).getBytes(StandardCharsets.UTF_8))).append('\n'));
        body.append("checkpoint\n").append(checkpoint.encode());
        StateFile.replace(file, file.resolveSibling(file.getFileName() + ".tmp"), body.toString());
    }

    private static IOException damaged(Path file, String why) {
        return new IOException("the state " + file + " is damaged (" + why + "): restore it from a backup, or delete it to "
                + "start again from the starting position (records may then be processed twice or skipped)");
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
