package wildrydes.storage;

/** Waiting for the store's own threads (the commit thread, the flusher) when it closes. */
final class Threads {

    private Threads() {
    }

    /**
     * Waits until {@code thread} has ended: a close must not leave it writing to files being
     * closed, so an interrupt does not cut the wait short; it is set again afterwards.
     */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
