package wildrydes.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard log kept in a directory of segment files. This javadoc is the specification of the
 * on-disk format (version 1 of the layout, whose {@code storage-format} file is unchanged; index
 * files are in their version 2, and a version 1 binary opening them rebuilds them by scanning).
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@code <first sequence, 20 digits>.log}: a segment, the frames of consecutive records, the
 *       first one having the sequence in the name. There is no file header. Names sort like
 *       sequences; the last segment is the active one, appended to; the others are sealed
 *       (read-only, fsynced before their index was written).</li>
 *   <li>{@code <first sequence, 20 digits>.idx}: the sparse index of a prefix of whole, valid,
 *       durable frames of the segment of that name, derived data (format, version 2, in
 *       {@link IndexFile}; version 1 files are read and rewritten). For a sealed segment it
 *       describes the whole file; for the active one it is a <em>checkpoint</em> naming the length
 *       up to which the segment holds valid, committed frames, rewritten as it grows (see
 *       Checkpoints). The active segment may have none.</li>
 *   <li>{@code .<name>.tmp}: a file being written before its rename; deleted on open.</li>
 * </ul>
 *
 * <h2>Record frame</h2>
 * Integers are big-endian and unsigned unless said otherwise.
 * <pre>
 * offset    size  field
 * 0         4     frameLength   bytes after this field: 27 + k + h + d
 * 4         4     crc           CRC-32C (java.util.zip.CRC32C) of bytes 8 .. end of frame
 * 8         8     sequence      signed; the previous frame's + 1 (the file name's for the first)
 * 16        8     arrivalMillis signed epoch milliseconds; never less than the previous frame's
 * 24        2     k             partition key length
 * 26        k     partition key UTF-8
 * 26+k      1     h             explicit hash key length, 0 = none (an empty key reads back as none)
 * 27+k      h     explicit hash key, ASCII
 * 27+k+h    4     d             data length
 * 31+k+h    d     data
 * </pre>
 * Limits: k &le; 65535, h &le; 255, d &le; 64 MiB. A frame is valid when its frameLength is
 * within the bounds these limits give, it lies wholly inside the file, its CRC matches, k, h and d
 * fill frameLength exactly, and its sequence and arrival time follow the previous frame's. A
 * reader checks all of this before it allocates for or returns a frame.
 *
 * <h2>Appends and commits</h2>
 * Appends are serialised by a lock that assigns the sequences and the arrival time (now, but never
 * less than the previous one) and writes the whole batch in one positional write. With
 * {@link SyncMode#FSYNC} the append then waits for the engine's {@link GroupCommitter}, which
 * forces the file and completes the future; with {@link SyncMode#NONE} it is committed at once.
 * Readers only see committed records, below {@link #committedEnd()}. If an fsync fails, every
 * uncommitted append fails and is cut from the file, so sequences stay contiguous and a failed
 * append is never read.
 *
 * <h2>Zeros written ahead</h2>
 * With {@link SyncMode#FSYNC}, whenever an append would pass the end of the active segment's file,
 * {@link StorageOptions#preallocateBytes()} zero bytes (1 MiB by default) are first written there,
 * and appends then overwrite them: an fdatasync of blocks that are already allocated and written
 * flushes data only, without a journal commit for a new file length, which makes it several times
 * faster. So the active file may end in zeros after its last frame. A zero frameLength is never
 * valid, so the zeros cannot be read as a frame. Sealing and a clean close cut them off (a sealed
 * segment is exactly its frames); after a crash, recovery finds nothing but zeros after the last
 * valid frame and cuts them off without a warning, unlike any other invalid tail.
 *
 * <h2>Segments and retention</h2>
 * The active segment is sealed, and a new one started, before an append once it holds
 * {@link StorageOptions#segmentMaxBytes()} bytes or its first record is older than
 * {@link StorageOptions#segmentMaxAge()}. {@link #trimBefore} moves the trim horizon exactly (reads
 * never return a trimmed record) and deletes the segments that hold only trimmed records; when
 * every record of the active segment is trimmed and none is pending, it is replaced by an empty
 * one so that its space comes back too. The horizon itself is not stored: after a restart the log
 * starts at its oldest remaining segment, so trimmed records of a partly trimmed segment can be
 * read again until the next {@link #trimBefore}, which callers run at start and periodically.
 *
 * <h2>Recovery</h2>
 * On open, a sealed segment whose index file describes exactly its length is known from the
 * file's header alone (its first and last sequence and arrival time; the header has its own CRC),
 * so opening reads neither its data nor its index entries: those are read, and checked against the
 * file's CRC and the header, when the segment is first read, and if they do not match, the index
 * is rebuilt then by scanning the segment. The last segment is the active one; its index file, if
 * it has a consistent one that names no more bytes than the file holds and starts no earlier than
 * the previous segment's last arrival time, is a checkpoint: the bytes before the length it names
 * are trusted like a sealed segment's, and only the frames after it are scanned and checked. Without
 * a usable checkpoint the whole active segment is scanned. A sealed segment whose index file is
 * missing or unusable is scanned whole, one whose index file is a checkpoint of a prefix (it was
 * sealed just before a crash) is scanned after it; either is then fsynced and its index rewritten.
 * At the first invalid frame the file is truncated (and fsynced), a warning names the file, offset
 * and bytes dropped, and every later segment is deleted, since its sequences no longer follow. With
 * {@link StorageOptions#verifySealedSegmentsOnOpen()} every segment, the active one included, is
 * scanned whole the same way and index files are only rewritten. Once the active segment is durable
 * (fsynced with {@link SyncMode#FSYNC}), its checkpoint is rewritten to cover what was checked.
 * Sequences must follow on from file to file: if older files are missing, the files before the
 * gap are dropped rather than the newer ones, so that no sequence is ever given out twice. An
 * empty directory starts at sequence 0; an empty last segment continues at its name's sequence.
 * A sealed segment and a checkpointed prefix are trusted on open; a frame found corrupt when it is
 * read makes the read fail with a {@link StorageException} naming the file and offset.
 *
 * <h2>Checkpoints</h2>
 * An index file is written (with a rename, never fsynced: it is derived) only for bytes that are
 * committed, that is fsynced with {@link SyncMode#FSYNC}, so that it never describes bytes a crash
 * can lose; and the bytes it describes are never rewritten: only uncommitted appends are ever cut
 * from a file. The active segment is checkpointed when the log is opened (covering what recovery
 * checked), once {@link StorageOptions#checkpointIntervalBytes()} more bytes of it are committed
 * (after the commit's futures complete), and when the log is closed with every append committed
 * (covering all of it, so a clean restart scans nothing). A crash therefore leaves at most about
 * {@code checkpointIntervalBytes} plus the uncommitted appends to scan. With {@link SyncMode#NONE}
 * nothing is fsynced and an index file is no more durable than the data it describes.
 */
public final class FileShardLog implements ShardLog {

    private static final Logger LOG = LoggerFactory.getLogger(FileShardLog.class);
    private static final int READ_ATTEMPTS = 8;

    private final Path directory;
    private final StorageOptions options;
    /** Null with {@link SyncMode#NONE}: appends commit at once. */
    private final GroupCommitter committer;
    /** Null with {@link SyncMode#NONE}: nothing is fsynced. */
    private final FileSyncer syncer;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Object trimLock = new Object();

    // Guarded by lock.
    private long nextSequence;
    private long lastArrivalMillis;
    private final ArrayDeque<PendingAppend> pending = new ArrayDeque<>();
    private final List<Segment> awaitingSeal = new ArrayList<>();
    private boolean directoryDirty;
    private boolean acceptingAppends = true;
    private String unusableReason;

    private volatile Segment[] segments;
    private volatile CommittedState committed;
    private volatile long firstSequence;
    private volatile boolean closed;
    /** Guarded by lock: a checkpoint is being written. */
    private boolean checkpointing;
    /** Bytes of segment files checked frame by frame when the log was opened. */
    private final long scannedBytesOnOpen;

    private FileShardLog(Path directory, StorageOptions options, GroupCommitter committer, FileSyncer syncer, Clock clock,
                         ShardLogRecovery.Result recovered) {
        this.directory = directory;
        this.options = options;
        this.committer = committer;
        this.syncer = syncer;
        this.clock = clock;
        this.segments = recovered.segments().toArray(Segment[]::new);
        this.nextSequence = recovered.nextSequence();
        this.lastArrivalMillis = recovered.lastArrivalMillis();
        this.committed = new CommittedState(recovered.nextSequence(), recovered.lastArrivalMillis());
        this.firstSequence = segments[0].firstSequence();
        this.scannedBytesOnOpen = recovered.scannedBytes();
    }

    /**
     * Opens the log in an existing directory, recovering it.
     *
     * @param committer the engine's committer with {@link SyncMode#FSYNC}, null with {@link SyncMode#NONE}
     * @param syncer    how to fsync with {@link SyncMode#FSYNC}, null with {@link SyncMode#NONE}
     */
    static FileShardLog open(Path directory, StorageOptions options, GroupCommitter committer, FileSyncer syncer,
                             Clock clock) throws IOException {
        if ((committer == null) != (syncer == null)) {
            throw new IllegalArgumentException("a committer needs a syncer and the other way round");
        }
        ShardLogRecovery.Result recovered = ShardLogRecovery.recover(directory, options, syncer);
        return new FileShardLog(directory, options, committer, syncer, clock, recovered);
    }

    @Override
    public CompletableFuture<AppendResult> append(List<RecordToAppend> records) {
        EncodedBatch batch = EncodedBatch.encode(records);
        PendingAppend appended;
        List<Segment> sealed = List.of();
        Checkpoint checkpoint = null;
        lock.lock();
        try {
            checkWritable();
            long arrival = Math.max(clock.millis(), lastArrivalMillis);
            Segment active = activeSegmentFor(arrival);
            long first = nextSequence;
            batch.stamp(first, arrival);
            long start = active.sizeBytes();
            try {
                active.append(batch, first, arrival, options.indexIntervalBytes(),
                        committer == null ? 0 : options.preallocateBytes()); // zeros ahead only pay off with fsync
            } catch (Segment.UnrecoverableWriteException e) {
                unusableReason = e.getMessage();
                throw e;
            }
            nextSequence = first + batch.count();
            lastArrivalMillis = arrival;
            appended = new PendingAppend(new AppendResult(first, batch.count(), arrival), active, start, active.sizeBytes(),
                    new CompletableFuture<>());
            if (committer == null) {
                committed = new CommittedState(nextSequence, arrival);
                sealed = takeAwaitingSeal();
                checkpoint = checkpointAfter(appended);
            } else {
                pending.addLast(appended);
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new StorageException("append to shard log " + directory + " failed", e));
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.unlock();
        }
        if (committer == null) {
            writeIndexes(sealed);
            appended.future().complete(appended.result());
            writeCheckpoint(checkpoint);
        } else {
            committer.requestCommit(this);
        }
        return appended.future();
    }

    private void checkWritable() {
        if (!acceptingAppends) {
            throw new StorageException("shard log " + directory + " is closed");
        }
        if (unusableReason != null) {
            throw new StorageException("shard log " + directory + " takes no appends until it is reopened: " + unusableReason);
        }
    }

    /** The segment to append to, after sealing the active one if it is full or old. */
    private Segment activeSegmentFor(long arrivalMillis) throws IOException {
        Segment[] current = segments;
        Segment active = current[current.length - 1];
        if (active.recordCount() == 0) {
            return active;
        }
        boolean full = active.sizeBytes() >= options.segmentMaxBytes();
        boolean old = arrivalMillis - active.firstArrivalMillis() >= options.segmentMaxAge().toMillis();
        if (!full && !old) {
            return active;
        }
        Segment next = Segment.create(directory, nextSequence);
        active.seal();
        awaitingSeal.add(active);
        directoryDirty = true;
        Segment[] rolled = Arrays.copyOf(current, current.length + 1);
        rolled[current.length] = next;
        segments = rolled;
        return next;
    }

    private List<Segment> takeAwaitingSeal() {
        if (awaitingSeal.isEmpty()) {
            return List.of();
        }
        List<Segment> sealed = List.copyOf(awaitingSeal);
        awaitingSeal.clear();
        return sealed;
    }

    /** What a checkpoint of a segment's committed prefix writes, taken under the lock. */
    private record Checkpoint(Segment segment, long length, long recordCount, long lastArrivalMillis, long[] triples) {
    }

    /**
     * A checkpoint of the committed prefix of the append's segment up to the end of that append,
     * if it has grown by {@link StorageOptions#checkpointIntervalBytes()} since the last one and no
     * other is being written; null otherwise. Called under the lock, once the append is committed.
     */
    private Checkpoint checkpointAfter(PendingAppend committedAppend) {
        Segment segment = committedAppend.segment();
        long length = committedAppend.endPosition();
        if (checkpointing || unusableReason != null || closed
                || length - segment.indexedLength() < options.checkpointIntervalBytes()) {
            return null;
        }
        checkpointing = true;
        return checkpointOf(segment, length, committedAppend.endSequence(), committedAppend.result().arrivalMillis());
    }

    private static Checkpoint checkpointOf(Segment segment, long length, long endSequence, long lastArrivalMillis) {
        SparseIndex index = segment.activeIndex();
        long[] triples = index.toTriples();
        int entries = 0;
        while (entries < triples.length / 3 && triples[entries * 3 + 1] < length) {
            entries++;
        }
        return new Checkpoint(segment, length, endSequence - segment.firstSequence(), lastArrivalMillis,
                Arrays.copyOf(triples, entries * 3));
    }

    /** Writes the checkpoint taken by {@link #checkpointAfter}, if any, outside the lock. */
    private void writeCheckpoint(Checkpoint checkpoint) {
        if (checkpoint == null) {
            return;
        }
        try {
            writeIndexFile(checkpoint);
        } finally {
            lock.lock();
            try {
                checkpointing = false;
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeIndexFile(Checkpoint checkpoint) {
        try {
            checkpoint.segment().writeIndexFile(checkpoint.length(), checkpoint.recordCount(), checkpoint.lastArrivalMillis(),
                    checkpoint.triples());
        } catch (IOException e) {
            LOG.warn("Could not write the index file {}; the segment is checked further back when the log is opened",
                    checkpoint.segment().indexFile(), e);
        }
    }

    /** Writes the index files of segments now sealed and durable, then releases their write channels. */
    private void writeIndexes(List<Segment> sealed) {
        for (Segment segment : sealed) {
            try {
                segment.writeIndexFile();
                segment.closeWriteChannel();
            } catch (IOException e) {
                LOG.warn("Could not write index file {}; it will be rebuilt when the log is opened", segment.indexFile(), e);
            }
        }
    }

    /** Called by the committer: what to force for the appends pending now, or null if nothing. */
    CommitRound beginCommit() {
        lock.lock();
        try {
            if (closed || (pending.isEmpty() && awaitingSeal.isEmpty() && !directoryDirty)) {
                return null;
            }
            Set<Segment> toForce = new LinkedHashSet<>(awaitingSeal);
            for (PendingAppend append : pending) {
                toForce.add(append.segment());
            }
            List<FileChannel> channels = new ArrayList<>(toForce.size());
            for (Segment segment : toForce) {
                channels.add(segment.writeChannel());
            }
            Path directoryToSync = directoryDirty ? directory : null;
            directoryDirty = false;
            return new CommitRound(this, List.copyOf(pending), List.copyOf(awaitingSeal), channels, directoryToSync);
        } finally {
            lock.unlock();
        }
    }

    /** Called by the committer once the round's channels are forced, or failed to be. */
    void endCommit(CommitRound round) {
        if (round.failure() == null) {
            finishCommit(round);
        } else {
            abortCommit(round);
        }
    }

    private void finishCommit(CommitRound round) {
        List<PendingAppend> done = round.appends();
        Checkpoint checkpoint = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            for (int i = 0; i < done.size(); i++) {
                pending.pollFirst();
            }
            if (!done.isEmpty()) {
                PendingAppend last = done.getLast();
                committed = new CommittedState(last.endSequence(), last.result().arrivalMillis());
                checkpoint = checkpointAfter(last);
            }
            awaitingSeal.removeAll(round.sealedSegments());
        } finally {
            lock.unlock();
        }
        writeIndexes(round.sealedSegments());
        for (PendingAppend append : done) {
            append.future().complete(append.result());
        }
        writeCheckpoint(checkpoint);
    }

    /**
     * The fsync failed: whether the written bytes reached the disk is unknown, so every
     * uncommitted append (including those written during the fsync) is cut from the file and
     * failed, and the committed end stays where it was.
     */
    private void abortCommit(CommitRound round) {
        List<PendingAppend> failed;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            directoryDirty = true;
            failed = new ArrayList<>(pending);
            pending.clear();
            if (!failed.isEmpty()) {
                rollBackTo(failed.getFirst());
            }
        } finally {
            lock.unlock();
        }
        LOG.error("fsync of shard log {} failed; {} append(s) rolled back", directory, failed.size(), round.failure());
        StorageException failure = new StorageException("fsync of shard log " + directory + " failed", round.failure());
        for (PendingAppend append : failed) {
            append.future().completeExceptionally(failure);
        }
    }

    private void rollBackTo(PendingAppend firstUncommitted) {
        Segment target = firstUncommitted.segment();
        Segment[] current = segments;
        int at = Arrays.asList(current).indexOf(target);
        if (at < 0) {
            unusableReason = "the segment of the first uncommitted append, " + target + ", is gone";
            LOG.error("Shard log {} takes no appends until it is reopened: {}", directory, unusableReason);
            return;
        }
        segments = Arrays.copyOf(current, at + 1);
        nextSequence = firstUncommitted.result().firstSequence();
        try {
            for (int i = at + 1; i < current.length; i++) {
                awaitingSeal.remove(current[i]);
                current[i].delete();
            }
            awaitingSeal.remove(target);
            target.truncate(firstUncommitted.startPosition(), nextSequence, committed.latestArrivalMillis());
            target.unseal();
        } catch (IOException e) {
            unusableReason = "could not cut uncommitted appends from " + target + ": " + e;
            LOG.error("Shard log {} takes no appends until it is reopened: {}", directory, unusableReason, e);
        }
    }

    @Override
    public long firstSequence() {
        return firstSequence;
    }

    @Override
    public long committedEnd() {
        return committed.end();
    }

    @Override
    public long latestArrivalMillis() {
        return committed.latestArrivalMillis();
    }

    @Override
    public ReadBatch read(long fromSequence, int maxRecords, long maxBytes) {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        for (int attempt = 1; ; attempt++) {
            LogSnapshot snapshot = snapshot();
            long start = Math.max(fromSequence, firstSequence);
            try {
                return snapshot.read(start, maxRecords, maxBytes);
            } catch (LogSnapshot.SegmentGoneException e) {
                checkRetry(attempt, e);
            }
        }
    }

    @Override
    public long sequenceAtOrAfter(long arrivalMillis) {
        for (int attempt = 1; ; attempt++) {
            LogSnapshot snapshot = snapshot();
            long first = firstSequence;
            try {
                return snapshot.sequenceAtOrAfter(first, arrivalMillis);
            } catch (LogSnapshot.SegmentGoneException e) {
                checkRetry(attempt, e);
            }
        }
    }

    /** The committed state first: the segments read after it hold every committed record. */
    private LogSnapshot snapshot() {
        CommittedState state = committed;
        return new LogSnapshot(state, segments);
    }

    /** A segment went away under a reader: retention removed it (start again from the new horizon) or the log closed. */
    private void checkRetry(int attempt, LogSnapshot.SegmentGoneException e) {
        if (closed) {
            throw new StorageException("shard log " + directory + " is closed", e);
        }
        if (attempt == READ_ATTEMPTS) {
            throw new StorageException("reading shard log " + directory + " kept racing with retention", e);
        }
    }

    @Override
    public long trimBefore(long cutoffMillis) {
        synchronized (trimLock) {
            long horizon = sequenceAtOrAfter(cutoffMillis);
            List<Segment> removed = new ArrayList<>();
            long dropped;
            lock.lock();
            try {
                if (closed) {
                    return 0;
                }
                dropped = Math.max(0, horizon - firstSequence);
                if (dropped > 0) {
                    firstSequence = horizon;
                }
                Segment[] current = segments;
                int keepFrom = 0;
                // A segment awaiting its seal may be being forced by the committer: it goes next time.
                while (keepFrom < current.length - 1 && current[keepFrom].endSequence() <= firstSequence
                        && !awaitingSeal.contains(current[keepFrom])) {
                    keepFrom++;
                }
                if (keepFrom > 0) {
                    removed.addAll(Arrays.asList(current).subList(0, keepFrom));
                    segments = Arrays.copyOfRange(current, keepFrom, current.length);
                }
                reclaimTrimmedActiveSegment(removed);
            } finally {
                lock.unlock();
            }
            for (Segment segment : removed) {
                try {
                    segment.delete();
                } catch (IOException e) {
                    LOG.warn("Could not delete trimmed segment {}; it is retried when the log is opened", segment, e);
                }
            }
            return dropped;
        }
    }

    /**
     * Replaces an active segment whose records are all trimmed by an empty one, so that an idle
     * log gives its space back. The new file names the next sequence and is made durable before
     * the old ones go, so a restart continues the sequences.
     */
    private void reclaimTrimmedActiveSegment(List<Segment> removed) {
        Segment[] current = segments;
        Segment active = current[current.length - 1];
        if (active.recordCount() == 0 || firstSequence < nextSequence || !pending.isEmpty() || !awaitingSeal.isEmpty()
                || !acceptingAppends || unusableReason != null) {
            return;
        }
        Segment next = null;
        try {
            next = Segment.create(directory, nextSequence);
            if (syncer != null) {
                syncer.syncDirectory(directory);
            }
        } catch (IOException e) {
            LOG.warn("Could not start a new segment in {}; the trimmed active segment stays until it rolls", directory, e);
            if (next != null) {
                try {
                    next.delete();
                } catch (IOException deleteFailure) {
                    e.addSuppressed(deleteFailure);
                }
            }
            return;
        }
        active.sealForRemoval();
        segments = new Segment[] {next};
        removed.addAll(Arrays.asList(current));
    }

    /** Bytes in the segment files (index files are not counted). */
    @Override
    public long sizeBytes() {
        long total = 0;
        for (Segment segment : segments) {
            total += segment.sizeBytes();
        }
        return total;
    }

    /** Refuses further appends; those already written still commit. */
    void stopAppends() {
        lock.lock();
        try {
            acceptingAppends = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the files; appends not yet committed fail. When every append is committed, the
     * active segment is checkpointed whole first, so that the next open checks none of it.
     */
    void close() {
        List<PendingAppend> abandoned;
        Segment[] current;
        Checkpoint checkpoint = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            acceptingAppends = false;
            closed = true;
            abandoned = new ArrayList<>(pending);
            pending.clear();
            current = segments;
            Segment active = current[current.length - 1];
            if (abandoned.isEmpty() && awaitingSeal.isEmpty() && unusableReason == null && active.recordCount() > 0
                    && active.indexedLength() < active.sizeBytes()) {
                checkpoint = checkpointOf(active, active.sizeBytes(), active.endSequence(), active.lastArrivalMillis());
            }
        } finally {
            lock.unlock();
        }
        if (checkpoint != null) {
            writeIndexFile(checkpoint);
        }
        StorageException failure = new StorageException("shard log " + directory + " closed before the append was committed");
        for (PendingAppend append : abandoned) {
            append.future().completeExceptionally(failure);
        }
        for (Segment segment : current) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.warn("Could not close {}", segment, e);
            }
        }
    }

    /** Bytes of segment files that opening the log checked frame by frame (what the index files did not cover). */
    long scannedBytesOnOpen() {
        return scannedBytesOnOpen;
    }

    /** The segments (for tests). */
    List<Segment> segments() {
        return List.of(segments);
    }

    @Override
    public String toString() {
        return "FileShardLog[" + directory + "]";
    }
}
