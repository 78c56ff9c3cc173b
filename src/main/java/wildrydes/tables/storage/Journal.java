package wildrydes.tables.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.storage.CommitBatching;
import wildrydes.storage.Threads;

/**
 * The write-ahead journal of the table store: batches appended to the active segment file,
 * made durable by group commits that force the file once for every batch written since the
 * last round (concurrent writers share an fsync), then complete their futures in order. A thread
 * that batches its appends (an event loop, see {@link CommitBatching}) runs the round itself
 * after its batch, so its answers complete on it without crossing threads; if another thread is
 * in a round, that one runs another once it is done. Every other writer hands its batch to the
 * commit thread, which also takes a batching thread's batches that wait for it longer than
 * {@link #OWNER_GRACE_MILLIS} (its loop stopped): that costs latency, never an acknowledgement.
 * Segment files are named {@code journal-<first lsn, 20 digits>.log}; each holds {@link Frames}
 * of {@link BatchCodec} batches with consecutive LSNs. The active segment is extended with zeros
 * 1 MiB ahead of the writer, so an fsync flushes data, not the file's length.
 */
final class Journal implements AutoCloseable, CommitBatching.Committer {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    static final long OWNER_GRACE_MILLIS = 20;
    static final int PREALLOCATE = 1024 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PREALLOCATE).asReadOnlyBuffer();

    /** A future to complete once batch {@code lsn} is durable; {@code forced}: on the device, whatever the syncer relaxes. */
    private record Waiter(long lsn, CompletableFuture<Void> future, boolean forced) {
    }

    private final Path directory;
    private final Syncer syncer;
    private final Object lock = new Object();
    /** Held by the thread running a round (the commit thread or a batching thread): forces and completions are its. */
    private final ReentrantLock commitLock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final List<FileChannel> retired = new ArrayList<>();
    private FileChannel active;
    private Path activePath;
    private long position;
    private long allocated;
    private long writtenLsn;
    private long bytesSinceRotation;
    private volatile long durableLsn;
    /** The last batch known on the device (equals durableLsn unless the syncer relaxes commits). */
    private volatile long forcedLsn;
    /** A waiter needs the next round forced (see {@link Syncer#forcesEveryCommit()}). */
    private boolean forceWanted;
    /** The last batch that must be committed now: asked for by its batching thread, or handed to the commit thread. */
    private long neededLsn;
    private boolean closed;
    private volatile StoreException failure;
    private boolean closing;
    private final Thread committer;

    /** Continues the segment at {@code activePath}, whose valid frames end at {@code position}; the last batch written is {@code lastLsn}. */
    Journal(Path directory, Path activePath, long position, long lastLsn, Syncer syncer) throws IOException {
        this.directory = directory;
        this.syncer = syncer;
        this.activePath = activePath;
        this.active = FileChannel.open(activePath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.position = position;
        this.allocated = active.size();
        this.writtenLsn = lastLsn;
        this.durableLsn = lastLsn;
        this.forcedLsn = lastLsn;
        this.committer = Thread.ofPlatform().name("wildrydes-tables-fsync").daemon().start(this::run);
    }

    static String segmentName(long firstLsn) {
        return String.format("journal-%020d.log", firstLsn);
    }

    /**
     * Appends a batch; LSNs must come in order (the store calls this under its write lock).
     *
     * @param force whether the batch must reach the device before its future completes even if
     *              the syncer relaxes commits (a table's definition)
     */
    CompletableFuture<Void> append(long lsn, byte[] body, boolean force) {
        ByteBuffer frame = Frames.frame(body);
        CommitBatching batching = CommitBatching.current();
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            checkUsable();
            try {
                ensureAllocated(position + frame.remaining());
                int length = frame.remaining();
                Frames.writeFully(active, frame, position);
                position += length;
                bytesSinceRotation += length;
            } catch (IOException e) {
                fail(new StoreException("Cannot write the table journal " + activePath + ": " + e.getMessage(), e));
                throw failure;
            }
            writtenLsn = lsn;
            waiters.add(new Waiter(lsn, done, force));
            forceWanted |= force && !syncer.forcesEveryCommit();
            if (batching == null) {
                need(lsn);
            }
        }
        if (batching != null && !batching.commitAfterBatch(this, lsn)) {
            synchronized (lock) {
                need(lsn);
            }
        }
        return done;
    }

    /** Under the lock: batch {@code lsn} must be committed now; wakes the commit thread for it. */
    private void need(long lsn) {
        neededLsn = Math.max(neededLsn, lsn);
        lock.notifyAll();
    }

    /** A batching thread, after its batch: runs a round unless one is under way (its holder runs the next). */
    @Override
    public void commitUpTo(long lsn) {
        synchronized (lock) {
            neededLsn = Math.max(neededLsn, lsn);
        }
        while (hasWork()) {
            if (!commitLock.tryLock()) {
                return;
            }
            try {
                commitRound();
            } finally {
                commitLock.unlock();
            }
        }
    }

    /** Completes once every batch up to {@code lsn} is durable. */
    CompletableFuture<Void> whenDurable(long lsn) {
        if (durableLsn >= lsn) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            checkUsable();
            if (durableLsn >= lsn) {
                return CompletableFuture.completedFuture(null);
            }
            waiters.add(new Waiter(lsn, done, false));
            need(lsn);
        }
        return done;
    }

    /** Completes once every batch up to {@code lsn} is on the device, even if the syncer relaxes commits. */
    CompletableFuture<Void> whenForced(long lsn) {
        if (forcedLsn >= lsn) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            checkUsable();
            if (forcedLsn >= lsn) {
                return CompletableFuture.completedFuture(null);
            }
            waiters.add(new Waiter(lsn, done, true));
            forceWanted = true;
            lock.notifyAll();
        }
        return done;
    }

    /** Starts a new segment whose first batch will be {@code nextLsn}; the old one is forced and closed by the next commit round. */
    void rotate(long nextLsn) throws IOException {
        synchronized (lock) {
            checkUsable();
            Path next = directory.resolve(segmentName(nextLsn));
            FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            syncer.syncDirectory(directory);
            retired.add(active);
            active = channel;
            activePath = next;
            position = 0;
            allocated = 0;
            bytesSinceRotation = 0;
            lock.notifyAll();
        }
    }

    long bytesSinceRotation() {
        synchronized (lock) {
            return bytesSinceRotation;
        }
    }

    private void ensureAllocated(long end) throws IOException {
        while (allocated < end) {
            ByteBuffer zeros = ZEROS.duplicate();
            Frames.writeFully(active, zeros, allocated);
            allocated += PREALLOCATE;
        }
    }

    private void checkUsable() {
        if (failure != null) {
            throw failure;
        }
        if (closing) {
            throw new StoreException("The table store is closed");
        }
    }

    private void run() {
        while (awaitWork()) {
            commitLock.lock();
            try {
                commitRound();
            } finally {
                commitLock.unlock();
            }
        }
    }

    private boolean hasWork() {
        synchronized (lock) {
            return !closed && failure == null
                    && (durableLsn < neededLsn || !retired.isEmpty() || forceWanted || (closing && durableLsn < writtenLsn));
        }
    }

    /**
     * For the commit thread: waits for work; false once closing with nothing left. Batches a
     * batching thread wrote but did not ask for within one to two grace periods are taken.
     */
    private boolean awaitWork() {
        synchronized (lock) {
            while (!hasWork() && !closing && failure == null) {
                // Batching threads' appends do not wake this thread (that is their point), so it
                // looks every grace period whether what it saw written is still waiting.
                long seen = writtenLsn;
                long waitedFrom = System.nanoTime();
                try {
                    lock.wait(OWNER_GRACE_MILLIS);
                } catch (InterruptedException e) {
                    // stopping is signalled by the flag
                }
                boolean graceOver = System.nanoTime() - waitedFrom >= OWNER_GRACE_MILLIS * 1_000_000;
                if (graceOver && durableLsn < seen && seen > neededLsn) {
                    neededLsn = seen;
                }
            }
            return hasWork();
        }
    }

    /** Under the commit lock: one group commit of every batch written so far. */
    private void commitRound() {
        List<FileChannel> toForce = new ArrayList<>();
        long target;
        boolean force;
        synchronized (lock) {
            if (closed || failure != null) {
                return;
            }
            target = writtenLsn;
            force = syncer.forcesEveryCommit() || forceWanted;
            forceWanted = false;
            toForce.addAll(retired);
            toForce.add(active);
        }
        try {
            for (FileChannel channel : force ? toForce : List.<FileChannel>of()) {
                syncer.force(channel);
            }
        } catch (IOException | RuntimeException e) {
            fail(new StoreException("Cannot make the table journal durable: " + e.getMessage(), e));
            return;
        }
        List<Waiter> done = new ArrayList<>();
        synchronized (lock) {
            for (FileChannel channel : toForce) {
                if (retired.remove(channel)) {
                    closeQuietly(channel);
                }
            }
            durableLsn = Math.max(durableLsn, target);
            if (force) {
                forcedLsn = Math.max(forcedLsn, target);
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.lsn() <= target && (force || !w.forced())) {
                    done.add(w);
                    it.remove();
                }
            }
        }
        for (Waiter w : done) {
            w.future().complete(null);
        }
    }

    private void fail(StoreException e) {
        List<Waiter> failed;
        synchronized (lock) {
            if (failure == null) {
                failure = e;
                LOG.error("The table store failed; restart the server to recover from the journal", e);
            }
            failed = new ArrayList<>(waiters);
            waiters.clear();
            lock.notifyAll();
        }
        for (Waiter w : failed) {
            w.future().completeExceptionally(failure);
        }
    }

    /** Makes everything durable, cuts the zeros off the active segment and closes it. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        boolean interrupted = Threads.joinIgnoringInterrupts(committer);
        commitLock.lock(); // a batching thread may be in a round
        try {
            closeFiles();
        } finally {
            commitLock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeFiles() {
        synchronized (lock) {
            closed = true;
            if (failure == null) {
                try {
                    active.truncate(position);
                    syncer.force(active);
                } catch (IOException e) {
                    LOG.warn("Cannot trim {}: {}", activePath, e.toString());
                }
            }
            retired.forEach(Journal::closeQuietly);
            closeQuietly(active);
            for (Waiter w : waiters) {
                w.future().completeExceptionally(failure != null ? failure : new StoreException("The table store is closed"));
            }
            waiters.clear();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to lose: it was forced or the store failed
        }
    }
}
