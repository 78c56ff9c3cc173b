package wildrydes.storage;

/** Waiting for the stores' own threads (the commit threads, the flusher) when they close. */
public final class Threads {

    private Threads() {
    }

    /**
     * Waits until {@code thread} has ended: a close must not leave it writing to files being
     * closed, so an interrupt does not cut the wait short; it is set again afterwards.
     */
    static void joinUninterruptibly(Thread thread) {
        if (joinIgnoringInterrupts(thread)) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until {@code thread} has ended, whatever interrupts come; returns whether one came,
     * for the caller to set again once it is done with its files (an interrupted thread's file
     * channel operations close the channel).
     */
    public static boolean joinIgnoringInterrupts(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
