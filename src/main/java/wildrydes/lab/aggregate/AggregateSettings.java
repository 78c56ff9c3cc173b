package wildrydes.lab.aggregate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import wildrydes.lab.tail.StartPosition;

/**
 * How an aggregation runs.
 *
 * @param source         the stream read
 * @param destination    the stream the result rows go to (created with 1 shard if missing)
 * @param window         length of the tumbling windows, aligned to the epoch (UTC)
 * @param time           which time puts a record into a window
 * @param grace          arrival time: how long after a window's end records that arrived before it may still land
 * @param maxLateness    event time: how far behind the largest event time seen a record may be
 * @param zone           the zone in which arrival-time windows, window_start/window_end and arrival_time are written
 * @param query          the SQL run over each closed window's table {@code readings}
 * @param partitionKey   the result column whose value is the partition key; null: {@code Name}
 * @param from           where a new aggregation starts reading (a resumed one continues from its state)
 * @param stateDir       where the state is kept (one aggregation per directory)
 * @param idleTimeout    stop after this long without a new record; null for never
 * @param recordsPerRead GetRecords' Limit
 */
public record AggregateSettings(String source, String destination, Duration window, TimeMode time, Duration grace,
                                Duration maxLateness, ZoneId zone, String query, String partitionKey, StartPosition from,
                                Path stateDir, Duration idleTimeout, int recordsPerRead) {
    public static final String DEFAULT_SOURCE = "wildrydes";
    public static final String DEFAULT_DESTINATION = "wildrydes-summary";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_LATENESS = Duration.ofSeconds(5);
    public static final String KEY_COLUMN = "Name";

    /** The workshop's query (module 3) in DuckDB's dialect: one summary per unicorn per window. */
    public static final String DEFAULT_QUERY = """
            SELECT Name,
                   window_start AS StatusTime,
                   SUM(Distance) AS Distance,
                   MIN(MagicPoints) AS MinMagicPoints,
                   MAX(MagicPoints) AS MaxMagicPoints,
                   MIN(HealthPoints) AS MinHealthPoints,
                   MAX(HealthPoints) AS MaxHealthPoints
            FROM readings
            GROUP BY Name, window_start
            ORDER BY Name""";

    public AggregateSettings {
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("-window must be between 1s and 1d, not " + window);
        }
        if (window.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("-window must be a whole number of seconds, not " + window);
        }
        if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("-grace must be between 0s and 5m, not " + grace);
        }
        if (maxLateness.isNegative() || maxLateness.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("-max-lateness must be between 0s and 1d, not " + maxLateness);
        }
        if (source.equals(destination)) {
            throw new IllegalArgumentException("-source and -destination are both " + source + ": the results would be read again");
        }
    }

    /** The workshop's aggregation of {@code source} into {@code destination}, state in {@code stateDir}. */
    public static AggregateSettings workshop(String source, String destination, StartPosition from, Path stateDir) {
        return new AggregateSettings(source, destination, DEFAULT_WINDOW, TimeMode.ARRIVAL, DEFAULT_GRACE, DEFAULT_MAX_LATENESS,
                ZoneOffset.UTC, DEFAULT_QUERY, null, from, stateDir, null, 10_000);
    }

    public AggregateSettings withWindow(Duration newWindow) {
        return new AggregateSettings(source, destination, newWindow, time, grace, maxLateness, zone, query, partitionKey, from,
                stateDir, idleTimeout, recordsPerRead);
    }

    public AggregateSettings withTime(TimeMode newTime, Duration newMaxLateness) {
        return new AggregateSettings(source, destination, window, newTime, grace, newMaxLateness, zone, query, partitionKey, from,
                stateDir, idleTimeout, recordsPerRead);
    }

    public AggregateSettings withGrace(Duration newGrace) {
        return new AggregateSettings(source, destination, window, time, newGrace, maxLateness, zone, query, partitionKey, from,
                stateDir, idleTimeout, recordsPerRead);
    }

    public AggregateSettings withQuery(String newQuery, String newPartitionKey) {
        return new AggregateSettings(source, destination, window, time, grace, maxLateness, zone, newQuery, newPartitionKey, from,
                stateDir, idleTimeout, recordsPerRead);
    }

    public AggregateSettings withZone(ZoneId newZone) {
        return new AggregateSettings(source, destination, window, time, grace, maxLateness, newZone, query, partitionKey, from,
                stateDir, idleTimeout, recordsPerRead);
    }

    public AggregateSettings withIdleTimeout(Duration newIdleTimeout) {
        return new AggregateSettings(source, destination, window, time, grace, maxLateness, zone, query, partitionKey, from,
                stateDir, newIdleTimeout, recordsPerRead);
    }

    public long windowMillis() {
        return window.toMillis();
    }

    /** How far the watermark trails the time it is made of: the grace for arrival time, the lateness for event time. */
    public long watermarkDelayMillis() {
        return time.arrival() ? grace.toMillis() : maxLateness.toMillis();
    }

    /** The result column that gives each output record its partition key. */
    public String keyColumn() {
        return partitionKey == null ? KEY_COLUMN : partitionKey;
    }

    /** {@code ~/.wildrydes/aggregate/SOURCE-to-DESTINATION}: beside the server's default data directory. */
    public static Path defaultStateDir(String source, String destination) {
        return Path.of(System.getProperty("user.home"), ".wildrydes", "aggregate", source + "-to-" + destination);
    }
}
