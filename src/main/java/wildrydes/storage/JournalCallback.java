package wildrydes.storage;

/**
 * A log that hands entries to the {@link Journal}: it is told, on the thread that committed (the
 * journal's commit thread or an event loop) and once per group commit, how many of its entries
 * (its oldest not yet told about, in the order it handed them over) became durable or failed. One call per log and group, however many of its
 * entries the group holds, so that a log takes its own lock once per group commit.
 */
interface JournalCallback {

    /** The next {@code entries} of this log's entries are durable (fdatasynced with their group commit). */
    void committed(int entries);

    /**
     * The next {@code entries} of this log's entries are not durable and never will be: they were
     * cut from the journal (their group commit failed), and so will be every later one not yet
     * told about. Undo what they stood for now (the journal refuses entries meanwhile); return
     * what to tell their waiters, which the journal runs once it takes entries again, so that a
     * waiter that retries at once is not refused.
     */
    Runnable failed(int entries, Exception cause);
}
