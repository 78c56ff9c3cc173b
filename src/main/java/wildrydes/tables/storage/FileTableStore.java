package wildrydes.tables.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable table storage: a write-ahead {@link Journal} of batches (the truth) and the
 * keyspaces in memory (derived from it), with periodic {@link Snapshots} so a restart reads
 * one snapshot and the journal written after it. Layout of its directory:
 *
 * <pre>
 * LOCK                                  held while open: one server per directory
 * snapshot-&lt;lsn&gt;.snap                   every keyspace as of batch lsn (see Snapshots)
 * journal-&lt;first lsn&gt;.log               batches from first lsn on, consecutive (see Journal, BatchCodec)
 * </pre>
 *
 * A batch is in memory when {@link #apply} returns and durable when its future completes. With
 * {@link Syncer#ITEMS_UNFORCED} ({@code --no-fsync}) item writes are acknowledged once the OS has
 * them, but a batch that creates, changes or drops a table is forced before its future completes,
 * a snapshot is published only once it and the journal up to it are forced, and directory entries
 * are forced where files are created, renamed or deleted: a power cut loses at most the latest
 * item writes, never a table nor the files a restart needs.
 * Recovery ({@link StoreRecovery}) cuts a torn or corrupt journal tail and says what it dropped.
 */
public final class FileTableStore implements TableStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileTableStore.class);
    /** Journal bytes after which a snapshot is taken, bounding restart time. */
    public static final long DEFAULT_SNAPSHOT_BYTES = 64L * 1024 * 1024;

    private final Path directory;
    private final Syncer syncer;
    private final long snapshotBytes;
    private final KeyspaceSet state;
    private final Journal journal;
    private final FileChannel lockChannel;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean snapshotting = new AtomicBoolean();
    private long nextLsn;
    private volatile long appliedLsn;
    private volatile boolean closed;
    private volatile Thread snapshotThread;

    private FileTableStore(Path directory, Syncer syncer, long snapshotBytes, KeyspaceSet state, Journal journal,
                           FileChannel lockChannel, long lastLsn) {
        this.directory = directory;
        this.syncer = syncer;
        this.snapshotBytes = snapshotBytes;
        this.state = state;
        this.journal = journal;
        this.lockChannel = lockChannel;
        this.nextLsn = lastLsn + 1;
        this.appliedLsn = lastLsn;
    }

    /** Opens (creating if needed) the store in {@code directory} and recovers its state. */
    public static FileTableStore open(Path directory, Syncer syncer) {
        return open(directory, syncer, DEFAULT_SNAPSHOT_BYTES);
    }

    public static FileTableStore open(Path directory, Syncer syncer, long snapshotBytes) {
        FileChannel lockChannel = null;
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                syncer.syncDirectory(directory.toAbsolutePath().getParent()); // so a cut does not lose the new directory's entry
            }
            lockChannel = FileChannel.open(directory.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StoreException("Another server uses the tables in " + directory);
            }
            StoreRecovery.Recovered recovered = StoreRecovery.recover(directory, syncer);
            Journal journal = new Journal(directory, recovered.activeSegment(), recovered.activePosition(),
                    recovered.lastLsn(), syncer);
            return new FileTableStore(directory, syncer, snapshotBytes, recovered.state(), journal, lockChannel,
                    recovered.lastLsn());
        } catch (IOException | RuntimeException e) {
            if (lockChannel != null) {
                try {
                    lockChannel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("Cannot open the tables in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Collection<Keyspace> keyspaces() {
        return state.all();
    }

    @Override
    public Keyspace keyspace(String name) {
        return state.get(name);
    }

    @Override
    public CompletableFuture<Void> apply(List<Mutation> batch) {
        byte[] body = BatchCodec.encode(0, batch); // the LSN is filled in under the lock
        CompletableFuture<Void> durable;
        writeLock.lock();
        try {
            if (closed) {
                throw new StoreException("The table store is closed");
            }
            long lsn = nextLsn;
            ByteBuffer.wrap(body).putLong(0, lsn);
            durable = journal.append(lsn, body, changesDefinitions(batch));
            nextLsn = lsn + 1;
            state.apply(batch);
            appliedLsn = lsn;
        } finally {
            writeLock.unlock();
        }
        if (journal.bytesSinceRotation() >= snapshotBytes) {
            startSnapshot();
        }
        return durable;
    }

    @Override
    public CompletableFuture<Void> durable() {
        return journal.whenDurable(appliedLsn);
    }

    /** Takes a snapshot now, on the calling thread (tests, and the background thread). */
    public void snapshot() throws IOException {
        long lsn;
        writeLock.lock();
        try {
            lsn = nextLsn - 1;
            journal.rotate(nextLsn);
        } finally {
            writeLock.unlock();
        }
        Path temporary = Snapshots.write(directory, lsn, state.all(), syncer);
        // The snapshot may show batches after lsn; publish it only once they are durable in the
        // journal, so a crash can never leave part of an unacknowledged batch in the snapshot alone.
        journal.whenForced(appliedLsn).join();
        Snapshots.publish(temporary, syncer);
        StoreRecovery.deleteObsolete(directory, lsn, syncer);
    }

    /** Table definitions are metadata: durable before the answer even with {@code --no-fsync}. */
    private static boolean changesDefinitions(List<Mutation> batch) {
        for (Mutation mutation : batch) {
            if (mutation instanceof Mutation.PutKeyspace || mutation instanceof Mutation.DropKeyspace) {
                return true;
            }
        }
        return false;
    }

    private void startSnapshot() {
        if (closed || !snapshotting.compareAndSet(false, true)) {
            return;
        }
        snapshotThread = Thread.ofPlatform().name("wildrydes-tables-snapshot").daemon().start(() -> {
            try {
                snapshot();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("Cannot snapshot the tables in {} (the journal keeps everything; will retry): {}", directory, e.toString());
                }
            } finally {
                snapshotting.set(false);
            }
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            writeLock.unlock();
        }
        Thread running = snapshotThread;
        if (running != null) {
            try {
                running.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        journal.close();
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("Closing the lock of {}: {}", directory, e.toString());
        }
    }
}
