package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments of one shard log, oldest first, and what happens to them as files: rolling to a
 * new segment, sealing, cutting back a failed append, removing trimmed ones. Changes happen under
 * the owning log's lock; readers take {@link #snapshot()} without it.
 */
final class SegmentChain {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentChain.class);

    private final Path directory;
    private final StorageFiles files;
    private final FileSyncer syncer;
    private final StorageOptions options;
    private volatile Segment[] segments;
    /** Sealed segments not yet durable and indexed: the flusher finishes them. */
    private final List<Segment> awaitingSeal = new ArrayList<>();
    /** Files were created or deleted since the directory was last fsynced. */
    private boolean directoryDirty;

    SegmentChain(Path directory, StorageFiles files, FileSyncer syncer, StorageOptions options, List<Segment> recovered) {
        this.directory = directory;
        this.files = files;
        this.syncer = syncer;
        this.options = options;
        this.segments = recovered.toArray(Segment[]::new);
    }

    /** The segments as they are now; the last one is the active one. */
    Segment[] snapshot() {
        return segments;
    }

    Segment active() {
        Segment[] current = segments;
        return current[current.length - 1];
    }

    /**
     * Seals the active segment and starts a new one at {@code nextSequence} if the active one is
     * full or its first record is too old for the arrival time.
     *
     * @return the segment just sealed (it awaits its flush), or null if the active one goes on
     */
    Segment rollIfDue(long arrivalMillis, long nextSequence) throws IOException {
        Segment active = active();
        if (active.recordCount() == 0) {
            return null;
        }
        boolean full = active.sizeBytes() >= options.segmentMaxBytes();
        boolean old = arrivalMillis - active.firstArrivalMillis() >= options.segmentMaxAge().toMillis();
        if (!full && !old) {
            return null;
        }
        Segment next = Segment.create(files, syncer, directory, nextSequence);
        active.seal();
        awaitingSeal.add(active);
        directoryDirty = true;
        Segment[] current = segments;
        Segment[] rolled = Arrays.copyOf(current, current.length + 1);
        rolled[current.length] = next;
        segments = rolled;
        return active;
    }

    boolean awaitsSeal(Segment segment) {
        return awaitingSeal.contains(segment);
    }

    boolean anyAwaitingSeal() {
        return !awaitingSeal.isEmpty();
    }

    List<Segment> awaitingSeal() {
        return List.copyOf(awaitingSeal);
    }

    /** The segments are durable and indexed now. */
    void sealsDone(List<Segment> done) {
        awaitingSeal.removeAll(done);
    }

    /** Whether files were created or deleted since the last call (the caller then fsyncs the directory). */
    boolean takeDirectoryDirty() {
        boolean dirty = directoryDirty;
        directoryDirty = false;
        return dirty;
    }

    void directoryChanged() {
        directoryDirty = true;
    }

    /**
     * Cuts the log back to {@code position} in {@code target}: later segments are deleted, the
     * target is truncated and takes appends again. If {@code undoRollOf} is not null the target
     * was made by rolling it and is empty now: it goes too, and {@code undoRollOf} is active again.
     */
    void cutBack(Segment target, long position, long endSequence, long lastArrivalMillis, Segment undoRollOf)
            throws IOException {
        Segment[] current = segments;
        int at = Arrays.asList(current).indexOf(target);
        if (at < 0) {
            throw new IOException("the segment to cut back, " + target + ", is gone");
        }
        boolean undoRoll = undoRollOf != null && at > 0 && current[at - 1] == undoRollOf
                && position == 0 && endSequence == target.firstSequence();
        int keep = undoRoll ? at : at + 1;
        // Later segments go first, durably, then the cut: a crash between must not leave a short
        // segment followed by a later one (see ShardLogRecovery).
        for (int i = keep; i < current.length; i++) {
            awaitingSeal.remove(current[i]);
            current[i].delete();
        }
        if (keep < current.length) {
            syncer.syncDirectory(directory);
        }
        if (undoRoll) {
            awaitingSeal.remove(undoRollOf);
            undoRollOf.unseal();
        } else {
            awaitingSeal.remove(target);
            target.truncate(position, endSequence, lastArrivalMillis);
            target.unseal();
        }
        segments = Arrays.copyOf(current, keep);
        directoryDirty = true;
    }

    /**
     * Drops the segments (never the active one, nor one awaiting its seal) whose records all lie
     * before {@code horizon}; returns them, to be deleted outside the lock.
     */
    List<Segment> removeBefore(long horizon) {
        Segment[] current = segments;
        int keepFrom = 0;
        while (keepFrom < current.length - 1 && current[keepFrom].endSequence() <= horizon
                && !awaitingSeal.contains(current[keepFrom])) {
            keepFrom++;
        }
        if (keepFrom == 0) {
            return new ArrayList<>();
        }
        segments = Arrays.copyOfRange(current, keepFrom, current.length);
        directoryDirty = true;
        return new ArrayList<>(Arrays.asList(current).subList(0, keepFrom));
    }

    /**
     * Replaces the active segment, whose records are all trimmed, by an empty one at
     * {@code nextSequence}, made durable before the old ones go so that a restart continues the
     * sequences. Returns the replaced segments (to delete outside the lock), or an empty list if
     * the new file could not be made.
     */
    List<Segment> replaceTrimmedActive(long nextSequence) {
        Segment next = null;
        try {
            // The old segments must be whole if a crash brings them back: the new one names where they end.
            forceUnlessGone(active());
            next = Segment.create(files, syncer, directory, nextSequence);
            syncer.syncDirectory(directory);
        } catch (IOException e) {
            LOG.warn("Could not start a new segment in {}; the trimmed active segment stays until it rolls", directory, e);
            if (next != null) {
                try {
                    next.delete();
                } catch (IOException deleteFailure) {
                    e.addSuppressed(deleteFailure);
                }
            }
            return List.of();
        }
        Segment[] current = segments;
        current[current.length - 1].sealForRemoval();
        segments = new Segment[] {next};
        directoryDirty = true;
        return Arrays.asList(current);
    }

    /** Bytes in the segment files (index files are not counted). */
    long sizeBytes() {
        long total = 0;
        for (Segment segment : segments) {
            total += segment.sizeBytes();
        }
        return total;
    }

    /**
     * Forces a segment unless it went away meanwhile (retention, or the log closed): a segment
     * that is gone needs nothing.
     */
    static void forceUnlessGone(Segment segment) throws IOException {
        try {
            segment.force();
        } catch (ClosedChannelException e) {
            if (!segment.isRemoved()) {
                throw e;
            }
        }
    }

    void deleteAll(List<Segment> removed) {
        for (Segment segment : removed) {
            try {
                segment.delete();
            } catch (IOException e) {
                LOG.warn("Could not delete trimmed segment {}; it is retried when the log is opened", segment, e);
            }
        }
    }

    void closeAll() {
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("Could not close {}", segment, e);
            }
        }
    }
}
