package wildrydes.tables.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the table store's state at start: the newest readable snapshot, then every journal
 * batch after it, in LSN order. A torn or corrupt frame, or a gap in the LSNs, ends the journal:
 * the segment is cut there, later segments are removed, and the log says what was dropped
 * (only batches never acknowledged can be there, unless the disk corrupted acknowledged data).
 */
final class StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{20})\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.snap");

    private StoreRecovery() {
    }

    record Recovered(KeyspaceSet state, long lastLsn, Path activeSegment, long activePosition) {
    }

    record Numbered(long lsn, Path path) {
    }

    static Recovered recover(Path directory, Syncer syncer) throws IOException {
        deleteTemporaries(directory);
        KeyspaceSet state = new KeyspaceSet();
        long snapshotLsn = 0;
        for (Numbered snapshot : numbered(directory, SNAPSHOT).reversed()) {
            KeyspaceSet candidate = new KeyspaceSet();
            try {
                snapshotLsn = Snapshots.load(snapshot.path(), candidate);
                state = candidate;
                break;
            } catch (IOException e) {
                LOG.warn("Ignoring the table snapshot {}: {}", snapshot.path(), e.getMessage());
            }
        }
        List<Numbered> segments = numbered(directory, SEGMENT);
        // Segments wholly covered by the snapshot are obsolete (a crash came before their removal).
        while (segments.size() > 1 && segments.get(1).lsn() <= snapshotLsn + 1) {
            Files.delete(segments.removeFirst().path());
        }
        if (!segments.isEmpty() && segments.getFirst().lsn() > snapshotLsn + 1) {
            throw new StoreException("The table journal in " + directory + " starts at batch " + segments.getFirst().lsn()
                    + " but the newest readable snapshot ends at batch " + snapshotLsn
                    + ": batches in between are missing. Restore the directory from a backup, or move it away to start empty.");
        }
        long last = snapshotLsn;
        Path active = null;
        long activePosition = 0;
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i).path();
            Replay replay = replay(segment, state, last);
            last = replay.lastLsn();
            active = segment;
            activePosition = replay.end();
            if (replay.problem() != null) {
                cut(segment, replay, segments.subList(i + 1, segments.size()), syncer);
                break;
            }
        }
        if (active == null) {
            active = directory.resolve(Journal.segmentName(last + 1));
            Files.createFile(active);
            syncer.syncDirectory(directory);
        }
        return new Recovered(state, last, active, activePosition);
    }

    private record Replay(long lastLsn, long end, long size, String problem) {
    }

    private static Replay replay(Path segment, KeyspaceSet state, long lastLsn) throws IOException {
        try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = in.size();
            long position = 0;
            while (true) {
                Frames.Read read = Frames.read(in, position, size);
                if (read.isEnd()) {
                    return new Replay(lastLsn, position, size, null);
                }
                if (read.problem() != null) {
                    return new Replay(lastLsn, position, size, read.problem());
                }
                BatchCodec.Decoded batch;
                try {
                    batch = BatchCodec.decode(read.body());
                } catch (IllegalArgumentException e) {
                    return new Replay(lastLsn, position, size, "an unreadable batch at byte " + position + " (" + e.getMessage() + ")");
                }
                if (batch.lsn() > lastLsn + 1) {
                    return new Replay(lastLsn, position, size, "batch " + batch.lsn() + " where " + (lastLsn + 1) + " was due, at byte " + position);
                }
                if (batch.lsn() == lastLsn + 1) {
                    state.apply(batch.mutations());
                    lastLsn = batch.lsn();
                }
                position += Frames.HEADER + read.body().length;
            }
        }
    }

    private static void cut(Path segment, Replay replay, List<Numbered> later, Syncer syncer) throws IOException {
        LOG.warn("Table journal {}: {}; cutting it at byte {} (dropping {} bytes{}); the tables are as of batch {}",
                segment.getFileName(), replay.problem(), replay.end(), replay.size() - replay.end(),
                later.isEmpty() ? "" : " and the later segments " + later.stream().map(n -> n.path().getFileName().toString()).toList(),
                replay.lastLsn());
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(replay.end());
            syncer.force(channel);
        }
        for (Numbered n : later) {
            Files.delete(n.path());
        }
        syncer.syncDirectory(segment.getParent());
    }

    /** After a snapshot at {@code lsn} is in place: removes older snapshots and the segments it covers. */
    static void deleteObsolete(Path directory, long lsn, Syncer syncer) throws IOException {
        boolean deleted = false;
        for (Numbered snapshot : numbered(directory, SNAPSHOT)) {
            if (snapshot.lsn() < lsn) {
                deleted |= Files.deleteIfExists(snapshot.path());
            }
        }
        List<Numbered> segments = numbered(directory, SEGMENT);
        for (int i = 0; i + 1 < segments.size() && segments.get(i + 1).lsn() <= lsn + 1; i++) {
            deleted |= Files.deleteIfExists(segments.get(i).path());
        }
        if (deleted) {
            syncer.syncDirectory(directory);
        }
    }

    static List<Numbered> numbered(Path directory, Pattern pattern) throws IOException {
        List<Numbered> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(p -> {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.add(new Numbered(Long.parseLong(m.group(1)), p));
                }
            });
        }
        found.sort(Comparator.comparingLong(Numbered::lsn));
        return found;
    }

    private static void deleteTemporaries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.delete(p);
            }
        }
    }
}
