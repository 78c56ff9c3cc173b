package wildrydes.storage;

/** Told what became of an entry handed to {@link Journal#append}; called on the journal's commit thread, in journal order. */
interface JournalCallback {

    /** The entry is durable (fdatasynced with its group commit). */
    void committed();

    /**
     * The entry is not durable and never will be: it was cut from the journal (its group commit
     * failed). Undo what the entry stood for now (the journal refuses entries meanwhile); return
     * what to tell the waiters, which the journal runs once it takes entries again, so that a
     * waiter that retries at once is not refused.
     */
    Runnable failed(Exception cause);
}
