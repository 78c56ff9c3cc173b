package wildrydes.stream;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's one timer thread: the end of state changes that take a while (CREATING,
 * DELETING, UPDATING, of streams and of consumers) and the periodic passes (retention, on-demand
 * scaling). A daemon thread, so that a server that is never closed does not keep the JVM alive.
 */
public final class ControlTimers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlTimers.class);

    private final long stateChangeMillis;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wildrydes-control");
        t.setDaemon(true);
        return t;
    });

    /** @param stateChangeMillis how long CREATING, DELETING and UPDATING last (0: changes are made at once) */
    public ControlTimers(long stateChangeMillis) {
        this.stateChangeMillis = stateChangeMillis;
    }

    /** Makes the change once the state-change delay is over; at once, on the caller's thread, when there is none. */
    public void afterStateChange(Runnable change) {
        if (stateChangeMillis <= 0) {
            change.run();
        } else {
            timers.schedule(change, stateChangeMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs a pass every {@code periodSeconds}; a pass that fails is logged with {@code failure} and runs again next time. */
    public void every(long periodSeconds, Runnable pass, String failure) {
        timers.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                log.error(failure, e);
            }
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
