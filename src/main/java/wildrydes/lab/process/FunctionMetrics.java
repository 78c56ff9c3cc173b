package wildrydes.lab.process;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The function's CloudWatch-style metrics, one bucket per minute for the last hour: Invocations,
 * Errors, Duration (sum and maximum, ms), IteratorAge (maximum, ms) and the records handed to the
 * function; plus totals since the start.
 */
public final class FunctionMetrics {
    static final int MINUTES = 60;

    /** One minute's values. */
    static final class Minute {
        final long startMillis;
        long invocations;
        long errors;
        long records;
        long durationSumMillis;
        long durationMaxMillis;
        long iteratorAgeMaxMillis;

        Minute(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    private final Deque<Minute> minutes = new ArrayDeque<>();
    private long invocations;
    private long errors;
    private long records;
    private long discarded;

    public synchronized void invocation(long nowMillis, int batchRecords, boolean failed, long durationMillis, long iteratorAgeMillis) {
        Minute minute = minute(nowMillis);
        minute.invocations++;
        minute.records += batchRecords;
        minute.durationSumMillis += durationMillis;
        minute.durationMaxMillis = Math.max(minute.durationMaxMillis, durationMillis);
        minute.iteratorAgeMaxMillis = Math.max(minute.iteratorAgeMaxMillis, iteratorAgeMillis);
        invocations++;
        records += batchRecords;
        if (failed) {
            minute.errors++;
            errors++;
        }
    }

    public synchronized void discarded(int count) {
        discarded += count;
    }

    private Minute minute(long nowMillis) {
        long start = nowMillis - Math.floorMod(nowMillis, 60_000L);
        Minute last = minutes.peekLast();
        if (last != null && last.startMillis == start) {
            return last;
        }
        Minute minute = new Minute(start);
        minutes.addLast(minute);
        while (minutes.size() > MINUTES) {
            minutes.removeFirst();
        }
        return minute;
    }

    public synchronized long invocations() {
        return invocations;
    }

    public synchronized long errors() {
        return errors;
    }

    public synchronized long records() {
        return records;
    }

    public synchronized long discardedRecords() {
        return discarded;
    }

    /** The minutes with activity, oldest first, as JSON objects. */
    synchronized void writeMinutes(ArrayNode out) {
        for (Minute m : minutes) {
            out.addObject().put("minute", m.startMillis).put("invocations", m.invocations).put("errors", m.errors)
                    .put("records", m.records).put("durationSumMillis", m.durationSumMillis)
                    .put("durationMaxMillis", m.durationMaxMillis).put("iteratorAgeMaxMillis", m.iteratorAgeMaxMillis);
        }
    }
}
