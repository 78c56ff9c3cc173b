package wildrydes.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link Flusher} does to a {@link FileShardLog}, on its thread: finishing sealed
 * segments, writing the active segment's checkpoint, making the log durable for a journal
 * checkpoint. The log's state is read and changed under its lock; the fsyncs happen outside it.
 *
 * <h2>Checkpoints</h2>
 * An index file is written only for bytes that are committed and fsynced in the segment itself,
 * and is made durable: it never describes bytes a crash or a power cut can take, and the bytes it
 * describes are never rewritten (only uncommitted appends are ever cut from a file). The active
 * segment is checkpointed when the log is opened (covering what recovery checked), once
 * {@link StorageOptions#checkpointIntervalBytes()} more of it is committed, at every journal
 * checkpoint that flushes it, and when the log is closed with every append committed (covering all
 * of it, so a clean restart scans nothing). A crash therefore leaves at most the bytes written
 * since the last of these to scan, and the journal holds every committed one of them.
 */
final class ShardLogFlush {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLogFlush.class);

    private ShardLogFlush() {
    }

    /** What a checkpoint of a segment's committed prefix writes, taken under the lock. */
    record Checkpoint(Segment segment, long length, long recordCount, long lastArrivalMillis, long[] triples) {

        static Checkpoint of(Segment segment, long length, long endSequence, long lastArrivalMillis) {
            long[] triples = segment.activeIndex().toTriples();
            int entries = 0;
            while (entries < triples.length / 3 && triples[entries * 3 + 1] < length) {
                entries++;
            }
            return new Checkpoint(segment, length, endSequence - segment.firstSequence(), lastArrivalMillis,
                    Arrays.copyOf(triples, entries * 3));
        }
    }

    /**
     * Finishes the sealed segments whose sealing append is committed to the journal (fsync, the
     * directory, the index file, release of the write channel), then commits the appends that
     * waited for them; and writes the checkpoint the log asked for.
     */
    static void flushRequested(FileShardLog log) {
        List<Segment> toSeal = new ArrayList<>();
        boolean syncDirectory;
        Checkpoint checkpoint = null;
        List<PendingAppend> committed;
        log.lock.lock();
        try {
            if (log.closed) {
                return;
            }
            // What the journal made durable meanwhile commits now (a claim that only marked the
            // appends would leave them pending with nothing left to wake them).
            committed = log.commits.advance();
            for (PendingAppend append : log.pending) {
                if (!append.journaled) {
                    break;
                }
                if (append.sealed() != null && log.chain.awaitsSeal(append.sealed())) {
                    toSeal.add(append.sealed());
                }
            }
            syncDirectory = !toSeal.isEmpty() && log.chain.takeDirectoryDirty();
            if (log.checkpointRequested) {
                log.checkpointRequested = false;
                checkpoint = activeCheckpoint(log);
            }
        } finally {
            log.unlock();
        }
        ShardLogCommits.complete(committed);
        try {
            for (Segment segment : toSeal) {
                SegmentChain.forceUnlessGone(segment);
            }
            if (syncDirectory) {
                log.syncer.syncDirectory(log.directory);
            }
            for (Segment segment : toSeal) {
                segment.writeSealedIndexFile();
                segment.closeWriteChannel();
            }
        } catch (IOException | RuntimeException e) {
            failSeals(log, e);
            return;
        }
        if (checkpoint != null) {
            writeCheckpoint(log, checkpoint, false);
            try {
                log.syncer.syncDirectory(log.directory); // the checkpoint's rename, durable
            } catch (IOException e) {
                LOG.warn("Could not fsync {}; a power cut may bring back an older checkpoint", log.directory, e);
            }
        }
        if (toSeal.isEmpty()) {
            return;
        }
        List<PendingAppend> ready;
        log.lock.lock();
        try {
            log.chain.sealsDone(toSeal);
            ready = log.commits.advance();
        } finally {
            log.unlock();
        }
        ShardLogCommits.complete(ready);
    }

    /**
     * A sealed segment could not be made durable: the appends waiting for it fail (their journal
     * entries are durable, so a restart may still bring them back) and the log takes no appends
     * until it is reopened, when the journal repairs it.
     */
    private static void failSeals(FileShardLog log, Exception cause) {
        log.flusher.stopCheckpoints("sealing a segment of " + log.directory + " failed", cause);
        List<PendingAppend> failed;
        log.lock.lock();
        try {
            log.unusableReason = "sealing a segment failed: " + cause;
            failed = new ArrayList<>(log.pending);
            log.pending.clear();
        } finally {
            log.unlock();
        }
        StorageException failure = new StorageException("sealing a segment of shard log " + log.directory + " failed", cause);
        for (PendingAppend append : failed) {
            append.future().completeExceptionally(failure);
        }
    }

    /**
     * Fsyncs everything the log wrote so far (the segments awaiting their seal, the active one,
     * the directory) and checkpoints the active segment's committed prefix.
     */
    static void flushForJournalCheckpoint(FileShardLog log) throws IOException {
        List<Segment> toForce;
        boolean syncDirectory;
        Checkpoint checkpoint;
        log.lock.lock();
        try {
            if (log.closed) {
                return;
            }
            log.dirty = false;
            toForce = new ArrayList<>(log.chain.awaitingSeal());
            toForce.add(log.chain.active());
            syncDirectory = log.chain.takeDirectoryDirty();
            checkpoint = activeCheckpoint(log);
            if (checkpoint != null) {
                log.checkpointRequested = false;
            }
        } finally {
            log.unlock();
        }
        try {
            for (Segment segment : toForce) {
                SegmentChain.forceUnlessGone(segment);
            }
            if (checkpoint != null) {
                writeCheckpoint(log, checkpoint, true);
            }
            if (syncDirectory || checkpoint != null) {
                // One fsync makes both durable: new segment files' names, and the checkpoint's rename
                // (without it a power cut brings back an older checkpoint, and a longer scan).
                log.syncer.syncDirectory(log.directory);
            }
        } catch (IOException e) {
            log.lock.lock();
            try {
                log.chain.directoryChanged();
            } finally {
                log.unlock();
            }
            throw e;
        }
    }

    /**
     * When the log closes (no more appends can come): fsyncs every segment it wrote to and the
     * directory, then, if nothing was left pending, checkpoints the whole active segment. A failed
     * fsync stops journal checkpoints, so the journal keeps what the log may lack.
     */
    static void flushForClose(FileShardLog log, boolean nothingPending) {
        List<Segment> toForce;
        boolean syncDirectory;
        Checkpoint checkpoint;
        log.lock.lock();
        try {
            toForce = new ArrayList<>(log.chain.awaitingSeal());
            toForce.add(log.chain.active());
            syncDirectory = log.chain.takeDirectoryDirty();
            checkpoint = nothingPending ? closingCheckpoint(log) : null;
        } finally {
            log.unlock();
        }
        try {
            for (Segment segment : toForce) {
                SegmentChain.forceUnlessGone(segment);
            }
            if (checkpoint != null) {
                writeCheckpoint(log, checkpoint, true);
            }
            if (syncDirectory || checkpoint != null) {
                log.syncer.syncDirectory(log.directory);
            }
        } catch (IOException e) {
            log.flusher.stopCheckpoints("fsync of " + log.directory + " at close failed", e);
        }
    }

    /** Under the lock, when the log closes with nothing pending: a checkpoint of the whole active segment, if needed. */
    private static Checkpoint closingCheckpoint(FileShardLog log) {
        Segment active = log.chain.active();
        if (log.chain.anyAwaitingSeal() || log.unusableReason != null || active.recordCount() == 0
                || active.indexedLength() >= active.sizeBytes()) {
            return null;
        }
        return Checkpoint.of(active, active.sizeBytes(), active.endSequence(), active.lastArrivalMillis());
    }

    /** Under the lock: a checkpoint of the active segment's committed prefix, if it covers more than its index file. */
    private static Checkpoint activeCheckpoint(FileShardLog log) {
        Segment segment = log.committedSegment;
        long length = log.committedPosition;
        if (segment != log.chain.active() || segment.isSealed() || log.unusableReason != null
                || length <= segment.indexedLength()) {
            return null;
        }
        CommittedState state = log.committedState();
        return Checkpoint.of(segment, length, state.end(), state.latestArrivalMillis());
    }

    /** Forces the segment (unless the caller just did) and writes the checkpoint; a failure only costs a longer scan on open. */
    static void writeCheckpoint(FileShardLog log, Checkpoint checkpoint, boolean forced) {
        try {
            if (!forced) {
                SegmentChain.forceUnlessGone(checkpoint.segment());
            }
            checkpoint.segment().writeIndexFile(checkpoint.length(), checkpoint.recordCount(), checkpoint.lastArrivalMillis(),
                    checkpoint.triples());
        } catch (IOException e) {
            LOG.warn("Could not write the index file {}; the segment is checked further back when the log is opened",
                    checkpoint.segment().indexFile(), e);
        }
    }
}
