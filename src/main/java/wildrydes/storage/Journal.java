package wildrydes.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal that the whole store shares: an append to any log (any shard of any
 * stream, or anything else that names itself with a log id) is written to the journal and to its
 * own log file, and is durable, and acknowledged, once the journal is fdatasynced. One thread
 * commits the journal in groups: every entry handed over while it forces the previous group goes
 * into the next one, so concurrent appends to any number of logs share one write and one
 * fdatasync of one file. The logs' own files are written behind it without an fsync of their own;
 * they are flushed in the background (see {@link Flusher}), after which a checkpoint lets the
 * journal forget everything before it. This is the layout of a BookKeeper bookie (one journal,
 * ledger storage flushed behind it, a "last log mark" checkpoint, journal files reused) and of a
 * database's write-ahead log with group commit (PostgreSQL's WAL: entries that name their own
 * position, so a reused or torn file cannot be misread; a redo point from which recovery
 * replays).
 *
 * <h2>Files, in {@code <dataDir>/journal/}</h2>
 * <ul>
 *   <li>{@code <id, 20 digits>.journal}: a journal file. Ids grow; the files in use, in id
 *       order, hold consecutive stretches of the journal, each starting where the one before it
 *       ends. A file is written up to about {@link StorageOptions#journalFileBytes()}; a group
 *       commit never spans two files. New files are extended with zeros ahead of the entries,
 *       files released by a checkpoint are kept as spares (renamed to the next id) and reused, so
 *       that an fdatasync flushes data only.</li>
 *   <li>{@code checkpoint}: the position from which recovery replays (replaced atomically and
 *       durably).</li>
 *   <li>{@code .<name>.tmp}: a file being written before its rename; deleted on open.</li>
 * </ul>
 * A journal <em>position</em> counts bytes of entries from the journal's beginning, across files
 * (the byte at file offset 32 of a file whose header says {@code start} has position {@code start}).
 *
 * <h2>Journal file</h2>
 * Integers are big-endian.
 * <pre>
 * offset  size  field
 * 0       4     magic 0x57524A46 ("WRJF")
 * 4       4     version 1
 * 8       8     start       the position of the file's first entry
 * 16      4     headerCrc   CRC-32C of bytes 0 .. 15
 * 20      12    zeros
 * 32      ...   entries, back to back, then zeros (written ahead) or bytes of an earlier use of the file
 * </pre>
 *
 * <h2>Entry</h2>
 * <pre>
 * offset  size  field
 * 0       4     length    bytes after this field: 15 + n + p
 * 4       8     position  this entry's own journal position
 * 12      4     crc       CRC-32C of bytes 16 .. end of entry
 * 16      1     kind      1 = append
 * 17      2     n         log id length, 1 .. 1024
 * 19      n     log id    UTF-8: which log the bytes are for; a shard log's is its directory under the
 *                         data directory, {@code streams/<streamKey>/shard-<12 digits>}
 * 19+n    p     payload   the log's bytes, opaque to the journal; for a shard log, the appended
 *                         records' frames exactly as they are in its segment (see {@link RecordFrame})
 * </pre>
 * An entry is valid when its length fits in the file, its position is the one it is read at and
 * its CRC matches. Zeros (a zero length) are the clean end of a file. The position is not covered
 * by the CRC (the CRC is computed before the entry's place is known, outside the journal's lock),
 * but a wrong one fails the position check.
 *
 * <h2>Checkpoint file</h2>
 * <pre>
 * 0   4  magic 0x57524A43 ("WRJC")
 * 4   4  version 1
 * 8   8  position   every entry before it is durable in its own log
 * 16  4  crc        CRC-32C of bytes 0 .. 15
 * </pre>
 *
 * <h2>Writing</h2>
 * A log writes its bytes to its own file (the OS's page cache) and hands the same bytes to
 * {@link #append} under its own lock, so a log's entries are in the journal in its order. A group
 * commit takes every entry handed over so far ({@link JournalQueue}), writes them in one
 * positional write, fdatasyncs the file, then tells each log ({@link JournalCallback}) once how
 * many of its entries became durable, on the committing thread. One thread commits at a time (the
 * commit lock). An event loop commits its own batch of appends once it has read the batch
 * ({@link CommitBatching}, {@link #commitUpTo}), taking along whatever other threads handed over;
 * the commit thread ({@code wildrydes-fsync}) commits the entries of every other thread at once;
 * a batch whose loop found the lock taken is committed by the holder once it lets go; entries
 * whose owner never asks (its loop stopped) are taken by the commit thread after 20-40 ms. If the
 * write or the fdatasync fails, every entry of that group
 * and every one handed over meanwhile fails (their logs cut them from their files again), the
 * file is cut back to the group's start and forced, and the journal goes on from there; while
 * that happens, and for good if the cut fails too, {@link #append} refuses entries.
 *
 * <h2>Checkpoints</h2>
 * Once {@link StorageOptions#journalCheckpointBytes()} have been committed since the last
 * checkpoint (or after {@link StorageOptions#journalCheckpointInterval()} with anything
 * committed), the flusher takes the durable end P, fsyncs every log written since the last
 * checkpoint (their bytes for every entry before P were written before the entry was handed
 * over), writes P to {@code checkpoint}, and releases the files that lie wholly before P. A
 * failed flush stops checkpoints until the store is reopened, so the journal keeps what the logs
 * may have lost.
 *
 * <h2>Recovery</h2>
 * On open, whatever the sync mode:
 * <ol>
 *   <li>The checkpoint is read; a missing or damaged one means replay from the oldest file.</li>
 *   <li>The journal files are taken in id order: a file without a valid header, or whose start is
 *       not after the previous file's, is a spare (never written, or reused and not yet written
 *       again). A file whose successor starts at or before the checkpoint is skipped whole.</li>
 *   <li>From the checkpoint, entries are read in order until the first invalid one: that is the
 *       end of the journal (a group commit torn by the crash, never acknowledged). Each valid
 *       entry goes to its log, which appends those of its records it does not have (a log's own
 *       recovery, after a crash, may have cut a torn tail) and skips those it has; replaying is
 *       idempotent, so a checkpoint that is older than it could be costs time, never data. An
 *       entry of a log that is gone (its stream was deleted) is skipped.</li>
 *   <li>The journal goes on at the end it found, in a new file (or a spare), so that the invalid
 *       bytes after the end, which nothing rewrites, stay the end of the older file.</li>
 * </ol>
 * A gap between files or before the first file (only disk damage makes one) is reported; the
 * entries after it are still replayed, and a log that would get a gap in its sequences says which
 * records it lacks. What recovery replays is bounded by the checkpoint interval, not by the data
 * stored.
 *
 * <h2>Other users</h2>
 * Nothing here is particular to shard logs: a log id is any name, a payload any bytes. Another
 * store that shares the journal must take its entries back in {@link JournalReplay} (today ids
 * outside {@code streams/} stop the store from opening, so that nothing is dropped unread) and
 * make its own files durable when the {@link Flusher} checkpoints. The table store does not
 * (yet): it keeps its own group-committed journal and snapshots under {@code <dataDir>/tables/},
 * held to the same rules (see {@code wildrydes.tables.storage.FileTableStore}).
 */
final class Journal implements CommitBatching.Committer {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final JournalDirectory directory;
    private final FileSyncer syncer;
    private final StorageOptions options;
    private final JournalStats stats = new JournalStats();

    private final JournalQueue queue = new JournalQueue();
    /** Held by the one thread committing: the writer and the rounds' order are its. */
    private final ReentrantLock commitLock = new ReentrantLock();
    private JournalWriter writer;
    private Thread thread;
    private Runnable checkpointWanted = () -> { };
    private volatile long durableEnd;
    private volatile long checkpointPosition;

    Journal(Path directory, StorageFiles files, FileSyncer syncer, StorageOptions options) {
        this.directory = new JournalDirectory(directory, files, syncer, options.journalSpareFiles());
        this.syncer = syncer;
        this.options = options;
    }

    /** Reads the journal from its checkpoint, handing each entry to the visitor (see Recovery). */
    JournalRecovery.Result recover(StorageFiles files, JournalRecovery.Visitor visitor) throws IOException {
        JournalRecovery.Result result = JournalRecovery.run(directory, files, visitor);
        queue.startAt(result.end());
        durableEnd = result.end();
        checkpointPosition = result.end() - result.bytes();
        stats.recovered(result);
        return result;
    }

    /**
     * Starts taking entries (with {@link SyncMode#FSYNC}): a new file at the recovered end, and the
     * commit thread.
     *
     * @param checkpointWanted run (on the commit thread) once enough has been committed since the last checkpoint
     */
    void start(Runnable checkpointWanted) throws IOException {
        this.checkpointWanted = checkpointWanted;
        writer = new JournalWriter(directory, syncer, options.journalFileBytes(), options.preallocateBytes());
        writer.open(durableEnd);
        writer.force();
        queue.accept();
        thread = Thread.ofPlatform().name("wildrydes-fsync").daemon().start(this::run);
    }

    /**
     * With {@link SyncMode#NONE}, once the replayed logs are durable: the journal holds nothing
     * they lack, so its files go (the checkpoint stays, so positions go on where they were).
     */
    void retire() throws IOException {
        directory.writeCheckpoint(durableEnd);
        checkpointPosition = durableEnd;
        directory.deleteAll();
    }

    /**
     * Hands an entry to the next group commit. Call it under the lock that orders the log's own
     * writes, so that a log's entries are in the journal in its order.
     *
     * @param records how many records the payload holds (for the records-per-fsync figure)
     * @throws StorageException if the journal takes no entries now (closed, or a failed commit)
     */
    void append(byte[] logId, ByteBuffer payload, int records, JournalCallback callback) {
        if (logId.length == 0 || logId.length > JournalEntry.MAX_LOG_ID_BYTES) {
            throw new IllegalArgumentException("log id of " + logId.length + " bytes");
        }
        int crc = JournalEntry.crc(logId, payload);
        CommitBatching batching = CommitBatching.current();
        long end = queue.add(logId, payload, crc, records, callback, batching != null, directory.directory());
        if (batching != null && !batching.commitAfterBatch(this, end)) {
            queue.handOver();
        }
    }

    /**
     * Commits the journal up to {@code end} (an event loop, after its batch), unless another
     * thread is committing: that one looks for work again once it lets go of the commit lock,
     * finds this, and commits it, so no thread waits for another's fdatasync.
     */
    @Override
    public void commitUpTo(long end) {
        queue.want(end);
        while (queue.hasWork()) {
            if (!commitLock.tryLock()) {
                return;
            }
            try {
                commitOnce();
            } finally {
                commitLock.unlock();
            }
        }
    }

    /** The position after the last entry known durable. */
    long durableEnd() {
        return durableEnd;
    }

    /** Journal bytes a restart would replay now. */
    long bytesSinceCheckpoint() {
        return durableEnd - checkpointPosition;
    }

    JournalStats stats() {
        return stats;
    }

    long fileBytes() {
        return directory.fileBytes();
    }

    /** Records that every entry before {@code position} is durable in its log, and releases the files before it. */
    void checkpoint(long position) throws IOException {
        directory.writeCheckpoint(position);
        checkpointPosition = position;
        directory.releaseBefore(position);
        stats.checkpointed();
    }

    /** Refuses further entries, commits those handed over, and stops the commit thread. */
    void stop() {
        queue.stop();
        if (thread == null) {
            return;
        }
        Threads.joinUninterruptibly(thread);
        commitLock.lock(); // an event loop may still be finishing a group commit
        commitLock.unlock();
    }

    void closeFiles() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("Could not close the journal file", e);
            }
        }
    }

    private void run() {
        while (queue.awaitWork()) {
            commitLock.lock();
            try {
                commitOnce();
            } finally {
                commitLock.unlock();
            }
        }
    }

    /** Under the commit lock: one group commit of what was handed over, if anything waits for it. */
    private void commitOnce() {
        JournalRound round = queue.take();
        if (round != null) {
            commit(round);
            queue.giveBack(round);
        }
    }

    private void commit(JournalRound round) {
        ByteBuffer bytes = round.contents();
        int written = bytes.remaining();
        try {
            writer.write(bytes);
            writer.force();
        } catch (IOException | RuntimeException e) {
            fail(round, e);
            return;
        }
        durableEnd = round.end();
        stats.committed(round.count(), round.records(), written);
        round.countByCallback();
        for (int i = 0; i < round.callbackCount(); i++) {
            try {
                round.distinctCallback(i).committed(round.entriesOf(i));
            } catch (RuntimeException e) {
                LOG.error("Completing journal entries failed", e);
            }
        }
        if (durableEnd - checkpointPosition >= options.journalCheckpointBytes()) {
            checkpointWanted.run();
        }
    }

    /**
     * The group commit failed: whether its bytes reached the disk is unknown, so its entries and
     * every one handed over since fail, and the file is cut back to where the group began.
     */
    private void fail(JournalRound round, Exception cause) {
        JournalRound later = queue.failFrom(round, cause);
        int failed = round.count() + later.count();
        LOG.error("Journal group commit at position {} failed; {} entries fail", round.start(), failed, cause);
        java.util.List<Runnable> tell = new java.util.ArrayList<>();
        for (JournalRound failedRound : new JournalRound[] {round, later}) {
            failedRound.countByCallback();
            for (int i = 0; i < failedRound.callbackCount(); i++) {
                try {
                    tell.add(failedRound.distinctCallback(i).failed(failedRound.entriesOf(i), cause));
                } catch (RuntimeException e) {
                    LOG.error("Failing journal entries failed", e);
                }
            }
        }
        try {
            writer.cutBackTo(round.start());
            queue.recovered();
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not cut the failed group commit off the journal; it takes no more entries until the store is "
                    + "reopened", e);
        }
        for (Runnable waiters : tell) {
            try {
                waiters.run();
            } catch (RuntimeException e) {
                LOG.error("Failing a journal entry's waiters failed", e);
            }
        }
    }
}
