package wildrydes.metrics;

/**
 * Consecutive minutes of one stream's metrics, oldest first; a minute without activity is 0.
 *
 * @param firstMinuteMillis start of the first minute (epoch millis)
 * @param minutes           how many minutes
 */
public record MinuteSeries(long firstMinuteMillis, int minutes, long[][] valuesByMetric) {
    public static final long MINUTE_MILLIS = 60_000;

    /** One value per minute; the array is shared, do not change it. */
    public long[] values(Metric metric) {
        return valuesByMetric[metric.ordinal()];
    }

    /** The minute's sum, or for a maximum metric the largest minute. */
    public long aggregate(Metric metric) {
        long result = 0;
        for (long value : values(metric)) {
            result = metric.isMaximum() ? Math.max(result, value) : result + value;
        }
        return result;
    }
}
