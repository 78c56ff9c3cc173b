package wildrydes.sdk;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The system clock plus an offset that a test may move forward (and must put back), or stop. */
final class MutableClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();
    private volatile long frozenAtMillis = -1;

    /** Stops the clock where it is, so that work of any duration falls in one instant (and one second). */
    void freeze() {
        frozenAtMillis = millis();
    }

    /** Lets the stopped clock run again from where it was stopped. */
    void thaw() {
        long stopped = frozenAtMillis;
        if (stopped >= 0) {
            offsetMillis.set(stopped - System.currentTimeMillis());
            frozenAtMillis = -1;
        }
    }

    void advance(long millis) {
        offsetMillis.addAndGet(millis);
    }

    void reset() {
        offsetMillis.set(0);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        long stopped = frozenAtMillis;
        return stopped >= 0 ? stopped : System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
