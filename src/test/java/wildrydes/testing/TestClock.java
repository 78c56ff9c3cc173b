package wildrydes.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock tests move by hand. Either it runs with the system clock plus an offset that a
 * test moves ({@link #system()}: servers whose iterators and retention a test ages), or it stands
 * still where it was put until a test moves it ({@link #at}: logs and metrics that must see exact
 * times). A running clock can be stopped ({@link #freeze}) so that work of any duration falls in
 * one instant, and started again where it stopped ({@link #thaw}).
 */
public final class TestClock extends Clock {
    private static final long RUNNING = Long.MIN_VALUE;

    private final AtomicLong offsetMillis = new AtomicLong();
    private final AtomicLong stoppedAtMillis;

    private TestClock(long stoppedAtMillis) {
        this.stoppedAtMillis = new AtomicLong(stoppedAtMillis);
    }

    /** A clock that runs with the system clock until moved or stopped. */
    public static TestClock system() {
        return new TestClock(RUNNING);
    }

    /** A clock that stands still at {@code epochMillis} until moved. */
    public static TestClock at(long epochMillis) {
        return new TestClock(epochMillis);
    }

    public static TestClock at(Instant instant) {
        return at(instant.toEpochMilli());
    }

    /** Moves the clock (back, for a negative amount); a stopped clock stays stopped. */
    public void advance(long millis) {
        if (stoppedAtMillis.get() != RUNNING) {
            stoppedAtMillis.addAndGet(millis);
        } else {
            offsetMillis.addAndGet(millis);
        }
    }

    public void advance(Duration duration) {
        advance(duration.toMillis());
    }

    /** Stops the clock at {@code instant}. */
    public void set(Instant instant) {
        stoppedAtMillis.set(instant.toEpochMilli());
    }

    /** Stops the clock where it is. */
    public void freeze() {
        stoppedAtMillis.set(millis());
    }

    /** Lets a stopped clock run again from where it stands. */
    public void thaw() {
        long stopped = stoppedAtMillis.get();
        if (stopped != RUNNING) {
            offsetMillis.set(stopped - System.currentTimeMillis());
            stoppedAtMillis.set(RUNNING);
        }
    }

    /** Takes back every move of a running clock: it shows the system time again. */
    public void reset() {
        offsetMillis.set(0);
    }

    @Override
    public long millis() {
        long stopped = stoppedAtMillis.get();
        return stopped != RUNNING ? stopped : System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
