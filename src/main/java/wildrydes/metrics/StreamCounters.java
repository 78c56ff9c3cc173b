package wildrydes.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * One stream's metrics: the per-minute ring for graphs and running totals since the server
 * started for Prometheus counters (which must never go down, so they cannot be summed from
 * a ring that forgets).
 */
final class StreamCounters {
    private final MinuteRing ring = new MinuteRing();
    private final LongAdder[] totals = new LongAdder[Metric.COUNT];
    private volatile long lastIteratorAgeMillis;
    private volatile long lastActiveMinute;

    StreamCounters(long createdMinute) {
        for (int i = 0; i < totals.length; i++) {
            totals[i] = new LongAdder();
        }
        lastActiveMinute = createdMinute;
    }

    /** The bucket a call at {@code minute} adds to; null for a write more than a day late. */
    MinuteBucket bucket(long minute) {
        MinuteBucket bucket = ring.writable(minute);
        if (bucket != null && minute > lastActiveMinute) {
            lastActiveMinute = minute;
        }
        return bucket;
    }

    void add(MinuteBucket bucket, Metric metric, long delta) {
        if (bucket != null) {
            bucket.add(metric, delta);
        }
        totals[metric.ordinal()].add(delta);
    }

    void iteratorAge(MinuteBucket bucket, long millis) {
        if (bucket != null) {
            bucket.raiseTo(Metric.ITERATOR_AGE_MAX, millis);
        }
        lastIteratorAgeMillis = millis;
    }

    MinuteRing ring() {
        return ring;
    }

    long total(Metric metric) {
        return totals[metric.ordinal()].sum();
    }

    long lastIteratorAgeMillis() {
        return lastIteratorAgeMillis;
    }

    long lastActiveMinute() {
        return lastActiveMinute;
    }
}
