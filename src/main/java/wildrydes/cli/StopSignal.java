package wildrydes.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl+C (SIGINT) and SIGTERM for the long-running tools: the signal sets a flag, and the JVM
 * waits (bounded) until the command has finished cleanly, so its summary still gets printed.
 */
final class StopSignal implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopSignal(String name, long graceSeconds) {
        this.hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(graceSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Set once a stop was asked for; the command's loops watch it. */
    AtomicBoolean flag() {
        return stop;
    }

    /** The command is done: a pending signal may let the JVM exit now. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is what stopped us
        }
    }
}
