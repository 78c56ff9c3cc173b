package wildrydes.storage;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Lets a thread that appends for many requests in one go (an event loop, which reads every
 * connection that has data, then runs its tasks) commit its appends itself, once per batch,
 * instead of handing each one to the journal's commit thread. The first append of a batch
 * schedules one task on the thread's own executor; it runs after the batch and commits the
 * journal up to the batch's last entry, with one fdatasync for the whole batch (and whatever
 * other threads appended meanwhile). Nothing crosses threads on the way: the acknowledgements
 * complete on the thread that has the connections. If another thread is committing already, the
 * task returns at once and that thread commits the batch once it is done (see
 * {@link Journal#commitUpTo}). The streams' journal and the tables' journal both work this way
 * ({@link Committer}).
 *
 * <p>Why: handing every append to the commit thread cost two thread hand-offs per request
 * (wake the committer, then wake the event loop with the answer) and made group commits small,
 * since the committer took whatever had arrived, often 4-5 records (bench/results: records per
 * fsync on {@code /metrics}). A thread without batching (a test, an in-process writer) keeps the commit
 * thread.
 */
public final class CommitBatching {

    /** A journal whose appends a batching thread can commit itself: the streams' and the tables' journals. */
    public interface Committer {
        /**
         * Commits everything appended before {@code end}, unless another thread is committing:
         * that one must look for work again once it is done, and commit this too.
         */
        void commitUpTo(long end);
    }

    private static final ThreadLocal<CommitBatching> CURRENT = new ThreadLocal<>();

    private final Executor self;
    private Committer[] journals = new Committer[2];
    private long[] ends = new long[2];
    private int count;
    private boolean scheduled;

    private CommitBatching(Executor self) {
        this.self = self;
    }

    /**
     * From now on the calling thread commits its appends itself, in a task run by {@code self},
     * which must run tasks on this same thread after its current batch (a Netty event loop does).
     */
    public static void install(Executor self) {
        if (CURRENT.get() == null) {
            CURRENT.set(new CommitBatching(self));
        }
    }

    /** The calling thread's batching, or null if a journal's commit thread commits its appends. */
    public static CommitBatching current() {
        return CURRENT.get();
    }

    /**
     * Remembers that {@code journal} must be committed up to {@code end} after this batch;
     * false if no task can be scheduled (the executor is shutting down): the caller then hands
     * the entry to the commit thread.
     */
    public boolean commitAfterBatch(Committer journal, long end) {
        int at = indexOf(journal);
        if (at < 0) {
            if (count == journals.length) {
                journals = Arrays.copyOf(journals, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            at = count++;
            journals[at] = journal;
        }
        ends[at] = Math.max(ends[at], end);
        if (!scheduled) {
            try {
                self.execute(this::commit);
                scheduled = true;
            } catch (RejectedExecutionException shuttingDown) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(Committer journal) {
        for (int i = 0; i < count; i++) {
            if (journals[i] == journal) {
                return i;
            }
        }
        return -1;
    }

    private void commit() {
        scheduled = false;
        while (count > 0) { // an append made while committing (an answer that writes again) is taken too
            count--;
            Committer journal = journals[count];
            long end = ends[count];
            journals[count] = null;
            ends[count] = 0;
            journal.commitUpTo(end);
        }
    }
}
