package wildrydes.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard log kept in a directory of segment files, written behind the store's {@link Journal}.
 * This javadoc specifies the files; the record frame is in {@link RecordFrame}, the index file in
 * {@link IndexFile}, what opening a log checks in {@link ShardLogRecovery}.
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@code <first sequence, 20 digits>.log}: a segment, the frames of consecutive records, the
 *       first one having the sequence in the name. There is no file header. Names sort like
 *       sequences; the last segment is the active one, appended to; the others are sealed
 *       (read-only, fsynced before their index was written).</li>
 *   <li>{@code <first sequence, 20 digits>.idx}: the sparse index of a prefix of whole, valid,
 *       durable frames of the segment of that name (see {@link IndexFile}). For a sealed segment it
 *       describes the whole file; for the active one it is a <em>checkpoint</em> naming the length
 *       up to which the segment holds valid, durable frames (see Checkpoints).</li>
 *   <li>{@code .<name>.tmp}: a file being written before its rename; deleted on open.</li>
 * </ul>
 *
 * <h2>Appends and commits</h2>
 * Appends are serialised by a lock that assigns the sequences and the arrival time (now, but never
 * less than the previous one), writes the whole batch to the active segment in one positional
 * write (to the OS, no fsync) and, with {@link SyncMode#FSYNC}, hands the same frames to the
 * journal. The append is committed, readable ({@link #committedEnd()}) and acknowledged once its
 * journal entry is durable, in order; with {@link SyncMode#NONE} at once. If the journal's group
 * commit fails, every append of this log from the first failed one on is cut from the file and
 * failed, so sequences stay contiguous and a failed append is never read.
 *
 * <h2>Zeros written ahead</h2>
 * With {@link SyncMode#FSYNC} the active segment may end in zeros written ahead of the appends
 * (see {@link SegmentWriter}); a zero frame length is never valid, so they are never read as a
 * frame. Sealing and a clean close cut them off; after a crash recovery cuts them off quietly.
 *
 * <h2>Segments and retention</h2>
 * The active segment is sealed, and a new one started, before an append once it holds
 * {@link StorageOptions#segmentMaxBytes()} bytes or its first record is older than
 * {@link StorageOptions#segmentMaxAge()}. The sealed segment is then fsynced and indexed in the
 * background; the append that sealed it (and this log's later ones) commits after that.
 * Retention is in {@link ShardLogRetention}.
 *
 * <h2>Checkpoints</h2>
 * An index file describes only bytes that are committed and fsynced in the segment itself, and is
 * durable: see {@link ShardLogFlush} for when the active segment is checkpointed.
 */
public final class FileShardLog implements ShardLog {

    private static final Logger LOG = LoggerFactory.getLogger(FileShardLog.class);
    private static final int READ_ATTEMPTS = 8;

    final Path directory;
    private final byte[] logId;
    final StorageOptions options;
    final FileSyncer syncer;
    /** Null with {@link SyncMode#NONE}: appends commit at once. */
    private final Journal journal;
    final Flusher flusher;
    private final Clock clock;
    final SegmentChain chain;

    final ReentrantLock lock = new ReentrantLock();
    private final Object trimLock = new Object();

    // Guarded by lock.
    long nextSequence;
    long lastArrivalMillis;
    final ArrayDeque<PendingAppend> pending = new ArrayDeque<>();
    /** Turns journaled appends into committed ones, in order. */
    final ShardLogCommits commits = new ShardLogCommits(this);
    /** Where the committed records end: a segment and the length of its committed frames. */
    Segment committedSegment;
    long committedPosition;
    boolean checkpointRequested;
    /** Written since the flusher last made it durable for a journal checkpoint. */
    boolean dirty;
    boolean acceptingAppends = true;
    String unusableReason;

    volatile CommittedState committed;
    volatile long firstSequence;
    volatile boolean closed;
    /** Bytes of segment files checked frame by frame when the log was opened. */
    private final long scannedBytesOnOpen;
    /** Guarded by lock: replay met a gap in this log's sequences and said so. */
    boolean replayGapReported;

    private FileShardLog(Path directory, String logId, StorageOptions options, FileSyncer syncer, Journal journal,
                         Flusher flusher, Clock clock, SegmentChain chain, ShardLogRecovery.Result recovered) {
        this.directory = directory;
        this.logId = logId.getBytes(StandardCharsets.UTF_8);
        this.options = options;
        this.syncer = syncer;
        this.journal = journal;
        this.flusher = flusher;
        this.clock = clock;
        this.chain = chain;
        this.nextSequence = recovered.nextSequence();
        this.lastArrivalMillis = recovered.lastArrivalMillis();
        this.committed = new CommittedState(recovered.nextSequence(), recovered.lastArrivalMillis());
        this.firstSequence = chain.snapshot()[0].firstSequence();
        this.committedSegment = chain.active();
        this.committedPosition = committedSegment.sizeBytes();
        this.scannedBytesOnOpen = recovered.scannedBytes();
    }

    /**
     * Opens the log in an existing directory, recovering it (see {@link ShardLogRecovery}).
     *
     * @param logId   the log's name in the journal
     * @param journal the store's journal with {@link SyncMode#FSYNC}, null with {@link SyncMode#NONE}
     */
    static FileShardLog open(Path directory, String logId, StorageOptions options, StorageFiles files, FileSyncer syncer,
                             Journal journal, Flusher flusher, Clock clock) throws IOException {
        ShardLogRecovery.Result recovered = ShardLogRecovery.recover(directory, options, files, syncer);
        SegmentChain chain = new SegmentChain(directory, files, syncer, options, recovered.segments());
        return new FileShardLog(directory, logId, options, syncer, journal, flusher, clock, chain, recovered);
    }

    @Override
    public CompletableFuture<AppendResult> append(List<RecordToAppend> records) {
        EncodedBatch batch = EncodedBatch.encode(records);
        PendingAppend appended;
        List<PendingAppend> ready = List.of();
        lock.lock();
        try {
            checkWritable();
            long arrival = Math.max(clock.millis(), lastArrivalMillis);
            Segment sealed = chain.rollIfDue(arrival, nextSequence);
            Segment active = chain.active();
            long first = nextSequence;
            batch.stamp(first, arrival);
            long start = active.sizeBytes();
            try {
                active.append(batch, first, arrival, options.indexIntervalBytes(), preallocateBytes());
            } catch (SegmentWriter.UnrecoverableWriteException e) {
                unusableReason = e.getMessage();
                throw e;
            }
            appended = new PendingAppend(new AppendResult(first, batch.count(), arrival), active, start, active.sizeBytes(),
                    sealed);
            nextSequence = first + batch.count();
            lastArrivalMillis = arrival;
            if (journal != null) {
                // Dirty before the entry exists: once it is durable, a journal checkpoint may pass it
                // (even before this thread returns here), and must then find this log to fsync.
                markDirty();
                try {
                    journal.append(logId, batch.contents(), batch.count(), commits);
                } catch (StorageException refused) {
                    ShardLogRollback.cutBack(this, appended, List.of(appended));
                    throw refused;
                }
                pending.addLast(appended);
            } else {
                appended.journaled = true;
                pending.addLast(appended);
                ready = commits.advance();
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new StorageException("append to shard log " + directory + " failed", e));
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            unlock();
        }
        ShardLogCommits.complete(ready);
        return appended.future();
    }

    /** Zeros written ahead of the appends only pay off where segments are fsynced often: behind the journal. */
    long preallocateBytes() {
        return journal == null ? 0 : options.preallocateBytes();
    }

    private void checkWritable() {
        if (!acceptingAppends) {
            throw new StorageException("shard log " + directory + " is closed");
        }
        if (unusableReason != null) {
            throw new StorageException("shard log " + directory + " takes no appends until it is reopened: " + unusableReason);
        }
    }

    /** Under the lock: the log has bytes a journal checkpoint must fsync. */
    void markDirty() {
        if (!dirty && journal != null) {
            dirty = true;
            flusher.markDirty(this);
        }
    }

    /** Releases the lock, then commits what the journal made durable meanwhile (see {@link ShardLogCommits}). */
    void unlock() {
        lock.unlock();
        commits.commitIfFree();
    }

    /** Under the lock: the replayed or recovered records up to {@code end} are committed. */
    void committedUpTo(long end, long arrivalMillis) {
        committed = new CommittedState(end, arrivalMillis);
        committedSegment = chain.active();
        committedPosition = committedSegment.sizeBytes();
    }

    CommittedState committedState() {
        return committed;
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
            try {
                return snapshot.read(Math.max(fromSequence, firstSequence), maxRecords, maxBytes);
            } catch (LogSnapshot.SegmentGoneException e) {
                checkRetry(attempt, e);
            }
        }
    }

    @Override
    public long sequenceAtOrAfter(long arrivalMillis) {
        for (int attempt = 1; ; attempt++) {
            LogSnapshot snapshot = snapshot();
            try {
                return snapshot.sequenceAtOrAfter(firstSequence, arrivalMillis);
            } catch (LogSnapshot.SegmentGoneException e) {
                checkRetry(attempt, e);
            }
        }
    }

    /** The committed state first: the segments taken after it hold every committed record. */
    private LogSnapshot snapshot() {
        CommittedState state = committed;
        return new LogSnapshot(state, chain.snapshot());
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
            return ShardLogRetention.trimBefore(this, cutoffMillis);
        }
    }

    /** Bytes in the segment files (index files are not counted). */
    @Override
    public long sizeBytes() {
        return chain.sizeBytes();
    }

    /** Refuses further appends; those already written still commit. */
    void stopAppends() {
        lock.lock();
        try {
            acceptingAppends = false;
        } finally {
            unlock();
        }
    }

    /**
     * Closes the files; appends not yet committed fail. Everything written is made durable first:
     * the journal forgets this log from now on, and a stream delete that a crash cuts short must
     * find it whole. With every append committed, the active segment is checkpointed whole too,
     * so that the next open checks none of it.
     */
    void close() {
        List<PendingAppend> abandoned;
        List<PendingAppend> ready;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            acceptingAppends = false;
            ready = commits.advance(); // what the journal made durable meanwhile commits; the rest is abandoned
            closed = true;
            abandoned = new ArrayList<>(pending);
            pending.clear();
        } finally {
            lock.unlock();
        }
        ShardLogCommits.complete(ready);
        ShardLogFlush.flushForClose(this, abandoned.isEmpty());
        StorageException failure = new StorageException("shard log " + directory + " closed before the append was committed");
        for (PendingAppend append : abandoned) {
            append.future().completeExceptionally(failure);
        }
        chain.closeAll();
        flusher.forget(this);
    }

    /** Bytes of segment files that opening the log checked frame by frame (what the index files did not cover). */
    long scannedBytesOnOpen() {
        return scannedBytesOnOpen;
    }

    /** The segments (for tests). */
    List<Segment> segments() {
        return List.of(chain.snapshot());
    }

    @Override
    public String toString() {
        return "FileShardLog[" + directory + "]";
    }
}
