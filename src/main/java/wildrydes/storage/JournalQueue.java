package wildrydes.storage;

import java.nio.ByteBuffer;

/**
 * The journal's entries from their hand-over to their group commit, and whether anyone must
 * commit them now. Entries are <em>owned</em> when the thread that handed them over commits them
 * itself once its batch is done ({@link CommitBatching}, an event loop), and <em>unowned</em>
 * otherwise, when the commit thread takes them at once. There is work when the round being
 * filled holds an unowned entry, or one before the end an owner asked for ({@link #want}), or the
 * journal is stopping. All state is guarded by this object's monitor.
 */
final class JournalQueue {

    /** How long owned entries may wait for their owner before the commit thread takes them. */
    static final long OWNER_GRACE_MILLIS = 20;

    private JournalRound filling = new JournalRound();
    private JournalRound idle = new JournalRound();
    private long appendedEnd;
    private long wanted;
    private boolean unowned;
    private boolean committerWaiting;
    private boolean accepting;
    private boolean stopping;
    /** Non-null while a failed group commit is being cut back, and for good if that failed. */
    private Exception failure;

    /** After recovery: the next entry goes at {@code end}. */
    synchronized void startAt(long end) {
        appendedEnd = end;
        filling.reset(end);
    }

    synchronized void accept() {
        accepting = true;
    }

    /**
     * Adds an entry to the round being filled; returns the journal position after it.
     *
     * @param owned whether the calling thread will ask for its commit ({@link #want}) itself
     * @param where the journal's directory, for the message when it takes no entries
     */
    synchronized long add(byte[] logId, ByteBuffer payload, int crc, int records, JournalCallback callback, boolean owned,
                          Object where) {
        if (failure != null) {
            throw new StorageException("the journal takes no entries: a group commit failed", failure);
        }
        if (!accepting) {
            throw new StorageException("the journal in " + where + " is closed");
        }
        filling.add(logId, payload, crc, records, callback);
        appendedEnd = filling.end();
        if (!owned) {
            handOver();
        }
        return appendedEnd;
    }

    /** The round being filled holds an entry nobody will ask for: the commit thread takes it. */
    synchronized void handOver() {
        unowned = true;
        if (committerWaiting) {
            notify();
        }
    }

    /** An owner asks for everything before {@code end} to be committed. */
    synchronized void want(long end) {
        wanted = Math.max(wanted, end);
    }

    synchronized boolean hasWork() {
        return !filling.isEmpty() && (unowned || stopping || filling.start() < wanted);
    }

    /**
     * For the commit thread: waits for work; false once stopping with nothing left. Owned entries
     * that nobody asks for within one to two {@link #OWNER_GRACE_MILLIS} are taken as unowned: an
     * owner whose task never runs (its executor stopped, or was one that runs tasks only when
     * told) costs that much latency, never an acknowledgement.
     */
    synchronized boolean awaitWork() {
        while (!hasWork() && !stopping) {
            committerWaiting = true;
            try {
                // Owned appends do not wake this thread (that is their point), so it looks every
                // grace period whether the round it saw last is still waiting.
                long seen = filling.isEmpty() ? -1 : filling.start();
                wait(OWNER_GRACE_MILLIS);
                if (!hasWork() && !filling.isEmpty() && filling.start() == seen) {
                    unowned = true;
                }
            } catch (InterruptedException e) {
                // Nobody should interrupt the commit thread; stopping is signalled by the flag.
            } finally {
                committerWaiting = false;
            }
        }
        return hasWork();
    }

    /** Takes the round to commit, if there is work, and starts filling the other one; null if none. */
    synchronized JournalRound take() {
        if (!hasWork()) {
            return null;
        }
        JournalRound round = filling;
        filling = idle;
        filling.reset(appendedEnd);
        idle = null;
        unowned = false;
        return round;
    }

    /** A committed round comes back empty, to be filled again later. */
    synchronized void giveBack(JournalRound round) {
        round.reset(0);
        idle = round;
    }

    /**
     * A group commit failed: from now on entries are refused, the round filled meanwhile is
     * returned (its entries fail too), and the journal goes on at the failed round's start.
     */
    synchronized JournalRound failFrom(JournalRound failed, Exception cause) {
        failure = cause;
        JournalRound later = filling;
        filling = new JournalRound();
        filling.reset(failed.start());
        appendedEnd = failed.start();
        unowned = false;
        return later;
    }

    /** The failed round was cut off the journal: entries are taken again. */
    synchronized void recovered() {
        failure = null;
    }

    /** Refuses further entries and wakes the commit thread to commit what is left and end. */
    synchronized void stop() {
        accepting = false;
        stopping = true;
        notify();
    }
}
