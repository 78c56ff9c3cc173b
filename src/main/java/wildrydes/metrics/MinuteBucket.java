package wildrydes.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/** One stream's counters for one minute; updated lock-free by any number of threads. */
final class MinuteBucket {
    private final long minute;
    private final AtomicLongArray values = new AtomicLongArray(Metric.COUNT);

    MinuteBucket(long minute) {
        this.minute = minute;
    }

    /** Minutes since the epoch. */
    long minute() {
        return minute;
    }

    void add(Metric metric, long delta) {
        if (delta != 0) {
            values.addAndGet(metric.ordinal(), delta);
        }
    }

    void raiseTo(Metric metric, long value) {
        int index = metric.ordinal();
        long current = values.get(index);
        // Most calls do not raise the maximum, so they cost one read and no CAS.
        while (value > current && !values.weakCompareAndSetVolatile(index, current, value)) {
            current = values.get(index);
        }
    }

    long get(Metric metric) {
        return values.get(metric.ordinal());
    }
}
