package wildrydes.storage;

/**
 * Counts events per second over the last {@value #SECONDS} whole seconds, for gauges such as
 * fsyncs per second. Thread-safe; each call is a few field updates under a lock nobody holds long.
 */
final class RateWindow {

    static final int SECONDS = 10;
    private static final int SLOTS = SECONDS + 2;

    private final long[] second = new long[SLOTS];
    private final long[] events = new long[SLOTS];
    private final long[] weights = new long[SLOTS];

    /** Adds {@code count} events (and their weight, e.g. records per fsync) at the time given. */
    synchronized void add(long nowMillis, long count, long weight) {
        long now = nowMillis / 1000;
        int slot = (int) (now % SLOTS);
        if (second[slot] != now) {
            second[slot] = now;
            events[slot] = 0;
            weights[slot] = 0;
        }
        events[slot] += count;
        weights[slot] += weight;
    }

    /** Events per second over the last whole seconds. */
    synchronized double perSecond(long nowMillis) {
        long[] sums = sums(nowMillis);
        return sums[0] / (double) SECONDS;
    }

    /** Weight per event over the last whole seconds (0 with no events). */
    synchronized double weightPerEvent(long nowMillis) {
        long[] sums = sums(nowMillis);
        return sums[0] == 0 ? 0 : sums[1] / (double) sums[0];
    }

    private long[] sums(long nowMillis) {
        long now = nowMillis / 1000;
        long count = 0;
        long weight = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (second[i] < now && second[i] >= now - SECONDS) {
                count += events[i];
                weight += weights[i];
            }
        }
        return new long[] {count, weight};
    }
}
