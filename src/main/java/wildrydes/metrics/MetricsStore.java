package wildrydes.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import wildrydes.stream.StreamMetrics;

/**
 * Per-stream, per-minute metrics of the last 24 hours, fed by the data path.
 *
 * <p>Memory is bounded: each stream holds at most {@value MinuteRing#MINUTES} minute buckets of
 * {@link Metric#COUNT} longs (about 280 KB when every minute of the day saw traffic, a few KB
 * for a stream used now and then), and at most {@code maxStreams} streams are tracked (a
 * deleted stream's metrics are dropped; past the cap the stream idle the longest goes). The hot
 * path takes no lock: a map lookup, one volatile read of the minute's bucket and a few atomic
 * adds.
 */
public final class MetricsStore implements StreamMetrics {
    /** The longest window the store answers: one day. */
    public static final int WINDOW_MINUTES = MinuteRing.MINUTES;

    private final Clock clock;
    private final int maxStreams;
    private final Map<String, StreamCounters> streams = new ConcurrentHashMap<>();

    /**
     * @param clock      the clock that decides a call's minute (the stream services', so tests can move it)
     * @param maxStreams how many streams to keep metrics for at most
     */
    public MetricsStore(Clock clock, int maxStreams) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be positive: " + maxStreams);
        }
        this.clock = clock;
        this.maxStreams = maxStreams;
    }

    // ---------------------------------------------------------------- the data path (StreamMetrics)

    @Override
    public void putRecord(String stream, long bytes, boolean success) {
        StreamCounters counters = counters(stream);
        MinuteBucket bucket = counters.bucket(currentMinute());
        if (success) {
            counters.add(bucket, Metric.PUT_RECORD_SUCCESS, 1);
            counters.add(bucket, Metric.PUT_RECORD_BYTES, bytes);
            counters.add(bucket, Metric.INCOMING_RECORDS, 1);
            counters.add(bucket, Metric.INCOMING_BYTES, bytes);
        } else {
            counters.add(bucket, Metric.PUT_RECORD_FAILED, 1);
        }
    }

    @Override
    public void putRecords(String stream, int records, int failedRecords, long bytes) {
        StreamCounters counters = counters(stream);
        MinuteBucket bucket = counters.bucket(currentMinute());
        int written = records - failedRecords;
        counters.add(bucket, Metric.PUT_RECORDS_SUCCESS, written > 0 ? 1 : 0);
        counters.add(bucket, Metric.PUT_RECORDS_TOTAL_RECORDS, records);
        counters.add(bucket, Metric.PUT_RECORDS_SUCCESSFUL_RECORDS, written);
        counters.add(bucket, Metric.PUT_RECORDS_FAILED_RECORDS, failedRecords);
        counters.add(bucket, Metric.PUT_RECORDS_BYTES, bytes);
        counters.add(bucket, Metric.INCOMING_RECORDS, written);
        // The call reports bytes for the whole batch; written records get their share of them.
        counters.add(bucket, Metric.INCOMING_BYTES, failedRecords == 0 || records == 0 ? bytes : bytes * written / records);
    }

    @Override
    public void getRecords(String stream, int records, long bytes, long millisBehindLatest) {
        StreamCounters counters = counters(stream);
        MinuteBucket bucket = counters.bucket(currentMinute());
        counters.add(bucket, Metric.GET_RECORDS_SUCCESS, 1);
        counters.add(bucket, Metric.GET_RECORDS_RECORDS, records);
        counters.add(bucket, Metric.GET_RECORDS_BYTES, bytes);
        counters.iteratorAge(bucket, millisBehindLatest);
    }

    @Override
    public void throttled(String stream, boolean write) {
        StreamCounters counters = counters(stream);
        counters.add(counters.bucket(currentMinute()), write ? Metric.WRITE_THROTTLED : Metric.READ_THROTTLED, 1);
    }

    @Override
    public void streamDeleted(String stream) {
        streams.remove(stream);
    }

    private StreamCounters counters(String stream) {
        StreamCounters counters = streams.get(stream);
        if (counters != null) {
            return counters;
        }
        counters = streams.computeIfAbsent(stream, s -> new StreamCounters(currentMinute()));
        if (streams.size() > maxStreams) {
            evictIdlestExcept(stream);
        }
        return counters;
    }

    /** Rare (only when a stream beyond the cap first reports), so a scan is fine. */
    private void evictIdlestExcept(String keep) {
        String idlest = null;
        long idlestMinute = Long.MAX_VALUE;
        for (Map.Entry<String, StreamCounters> entry : streams.entrySet()) {
            if (!entry.getKey().equals(keep) && entry.getValue().lastActiveMinute() < idlestMinute) {
                idlest = entry.getKey();
                idlestMinute = entry.getValue().lastActiveMinute();
            }
        }
        if (idlest != null) {
            streams.remove(idlest);
        }
    }

    private long currentMinute() {
        return Math.floorDiv(clock.millis(), MinuteSeries.MINUTE_MILLIS);
    }

    // ---------------------------------------------------------------- reading

    /** The last {@code minutes} minutes (1 to {@value #WINDOW_MINUTES}), the current one included. */
    public MinuteSeries window(String stream, int minutes) {
        if (minutes < 1 || minutes > WINDOW_MINUTES) {
            throw new IllegalArgumentException("minutes must be between 1 and " + WINDOW_MINUTES + ": " + minutes);
        }
        long first = currentMinute() - minutes + 1;
        long[][] values = new long[Metric.COUNT][minutes];
        StreamCounters counters = streams.get(stream);
        if (counters != null) {
            for (int i = 0; i < minutes; i++) {
                MinuteBucket bucket = counters.ring().readable(first + i);
                if (bucket != null) {
                    for (Metric metric : Metric.values()) {
                        values[metric.ordinal()][i] = bucket.get(metric);
                    }
                }
            }
        }
        return new MinuteSeries(first * MinuteSeries.MINUTE_MILLIS, minutes, values);
    }

    /**
     * The sum over the last 60 seconds, estimated from the current minute and the part of the
     * previous minute still inside the window (as sliding-window rate limiters do).
     */
    public long lastSixtySeconds(String stream, Metric metric) {
        StreamCounters counters = streams.get(stream);
        if (counters == null) {
            return 0;
        }
        long now = clock.millis();
        long minute = Math.floorDiv(now, MinuteSeries.MINUTE_MILLIS);
        double elapsed = Math.floorMod(now, MinuteSeries.MINUTE_MILLIS) / (double) MinuteSeries.MINUTE_MILLIS;
        MinuteBucket current = counters.ring().readable(minute);
        MinuteBucket previous = counters.ring().readable(minute - 1);
        long sum = current == null ? 0 : current.get(metric);
        return sum + (previous == null ? 0 : Math.round(previous.get(metric) * (1 - elapsed)));
    }

    /** The total since the server started (or since the stream was first seen). */
    public long total(String stream, Metric metric) {
        StreamCounters counters = streams.get(stream);
        return counters == null ? 0 : counters.total(metric);
    }

    /** The MillisBehindLatest of the stream's most recent GetRecords, 0 if none. */
    public long lastIteratorAgeMillis(String stream) {
        StreamCounters counters = streams.get(stream);
        return counters == null ? 0 : counters.lastIteratorAgeMillis();
    }

    /** Streams with metrics, in no particular order. */
    public List<String> streamNames() {
        return new ArrayList<>(streams.keySet());
    }

    /** Minute buckets held for the stream (for tests of the memory bound). */
    int bucketCount(String stream) {
        StreamCounters counters = streams.get(stream);
        return counters == null ? 0 : counters.ring().bucketCount();
    }
}
