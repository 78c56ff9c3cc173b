package wildrydes.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.aggregate.AggregateSettings;
import wildrydes.lab.aggregate.Aggregator;
import wildrydes.lab.aggregate.TimeMode;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.sql.SqlException;
import wildrydes.lab.tail.StartPosition;

@Command(name = "aggregate", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Module 3 of the lab: aggregates the readings of a stream with SQL, per tumbling window, into a second "
            + "stream (the workshop's streaming SQL step, which AWS no longer offers).",
            "Default: one summary per unicorn per minute of arrival time from 'wildrydes' into 'wildrydes-summary' (created with "
            + "1 shard if missing), as the workshop's query did; StatusTime is the window's start in UTC (see -zone).",
            "Exactly once across restarts and crashes: the state is kept in -state; Ctrl+C emits the windows that have ended "
            + "and keeps the open one for the next start.", ""},
        footer = {"", "Each window's rows are the table 'readings': Name VARCHAR, StatusTime TIMESTAMP, Latitude DOUBLE, "
            + "Longitude DOUBLE, Distance DOUBLE, MagicPoints INTEGER, HealthPoints INTEGER, window_start TIMESTAMP, "
            + "window_end TIMESTAMP, arrival_time TIMESTAMP. A record that is not a JSON object or has no text Name is skipped "
            + "(counted); a missing field is NULL. The default query (DuckDB SQL):", "",
            AggregateSettings.DEFAULT_QUERY, "",
            "Each result row becomes one JSON record, columns in order, whole numbers without a fraction; its partition key is "
            + "the Name column (or -partition-key). E.g. an alert: -sql \"SELECT Name, StatusTime, HealthPoints FROM readings "
            + "WHERE HealthPoints < 100\""})
final class AggregateCommand implements Callable<Integer> {
    @Option(names = {"-source", "--source"}, defaultValue = AggregateSettings.DEFAULT_SOURCE,
            description = "Stream to read (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = {"-destination", "--destination"}, defaultValue = AggregateSettings.DEFAULT_DESTINATION,
            description = "Stream the results go to; created with 1 shard if missing (default: ${DEFAULT-VALUE}).")
    String destination;

    @Option(names = {"-window", "--window"}, defaultValue = "1m", converter = LabOptions.DurationConverter.class, paramLabel = "DURATION",
            description = "Length of the tumbling windows, aligned to the epoch (UTC): 1m, 10s, 1h (default: 1m).")
    Duration window;

    @Option(names = {"-time", "--time"}, defaultValue = "arrival", paramLabel = "arrival|field:NAME",
            description = {"Which time puts a record in a window: arrival (its ApproximateArrivalTimestamp, as the workshop's "
                + "ROWTIME) or field:NAME (event time from a timestamp field, e.g. field:StatusTime, with a watermark: the "
                + "largest event time seen minus -max-lateness; later records are counted as late and left out)."})
    String time;

    @Option(names = {"-grace", "--grace"}, defaultValue = "2s", converter = LabOptions.DurationConverter.class, paramLabel = "DURATION",
            description = "Arrival time: how long after a window's end it waits for records still in flight before "
                    + "emitting it (default: 2s).")
    Duration grace;

    @Option(names = {"-max-lateness", "--max-lateness"}, defaultValue = "5s", converter = LabOptions.DurationConverter.class, paramLabel = "DURATION",
            description = "Event time: how far behind the largest event time seen a record may be (default: 5s).")
    Duration maxLateness;

    @Option(names = {"-zone", "--zone"}, defaultValue = "UTC", paramLabel = "UTC|local|ZONE",
            description = "Zone of the arrival-time window starts (StatusTime), window_end and arrival_time: UTC as the "
                    + "workshop's output, local (this machine's, as the producer writes StatusTime), or e.g. Europe/Berlin "
                    + "(default: ${DEFAULT-VALUE}). Event-time windows keep the field's own clock.")
    String zone;

    @Option(names = {"-sql", "--sql"}, paramLabel = "QUERY", description = "The query run over each window's table 'readings' "
            + "(default: the workshop's, shown below).")
    String sql;

    @Option(names = {"-sql-file", "--sql-file"}, paramLabel = "FILE", description = "Read the query from this file.")
    Path sqlFile;

    @Option(names = {"-partition-key", "--partition-key"}, paramLabel = "COLUMN",
            description = "The result column giving each output record's partition key (default: Name).")
    String partitionKey;

    @Option(names = {"-from", "--from"}, defaultValue = "latest", paramLabel = "POSITION",
            description = "Where a new aggregation starts: latest, trim-horizon, an ISO-8601 time, a duration ago (15m) or a "
                    + "sequence number (default: ${DEFAULT-VALUE}). A saved state resumes where it was.")
    String from;

    @Option(names = {"-state", "--state"}, paramLabel = "DIR",
            description = "Directory of the aggregation's state (default: ~/.wildrydes/aggregate/SOURCE-to-DESTINATION).")
    Path stateDir;

    @Option(names = {"-efo", "--efo"}, paramLabel = "NAME",
            description = "Read with enhanced fan-out through the registered stream consumer NAME (registered if needed).")
    String efo;

    @Option(names = {"-timeout", "--timeout"}, converter = LabOptions.DurationConverter.class, paramLabel = "DURATION",
            description = "Stop after this long without a new record, e.g. 30s (default: run until Ctrl+C).")
    Duration timeout;

    @Option(names = {"-status-every", "--status-every"}, defaultValue = "10s", converter = LabOptions.DurationConverter.class, paramLabel = "DURATION",
            description = "How often the status line is printed when stderr is not a terminal (default: 10s; on a terminal it "
                    + "is refreshed in place every second).")
    Duration statusEvery;

    @Option(names = {"-region", "--region"}, defaultValue = "us-east-1", description = "AWS region (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = {"-endpoint", "--endpoint"}, paramLabel = "URL|aws",
            description = {"Kinesis endpoint. Default: $AWS_ENDPOINT_URL_KINESIS, else $AWS_ENDPOINT_URL, else the local "
                + "server at " + KinesisEndpoint.LOCAL + ".", "'aws' uses real Amazon Kinesis in -region with your AWS credentials."})
    String endpoint;

    @Override
    public Integer call() {
        AggregateSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | DateTimeException | IOException e) {
            System.err.println("aggregate: " + e.getMessage());
            return 2;
        }
        Aggregator aggregator;
        try {
            aggregator = new Aggregator(settings, System.err, wildrydes.lab.aggregate.Aggregator.stderrIsTerminal(),
                    statusEvery.toMillis(), System.getenv());
        } catch (SqlException e) {
            System.err.println("aggregate: the query does not fit: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("aggregate: " + e.getMessage());
            return 2;
        }
        KinesisEndpoint target = KinesisEndpoint.resolve(endpoint, region, System.getenv());
        StopSignal signal = new StopSignal("aggregate", 20);
        AtomicBoolean stop = signal.flag();
        try (aggregator; KinesisClient kinesis = target.client();
             KinesisAsyncClient async = efo == null ? null : target.asyncClient()) {
            Aggregator.Summary summary = aggregator.run(kinesis, target, async, efo, stop);
            System.err.println(summary.describe(settings.destination()));
            return 0;
        } catch (LabException e) {
            System.err.println("aggregate: " + e.getMessage());
            return 1;
        } finally {
            signal.close();
        }
    }

    private AggregateSettings settings() throws IOException {
        if (sql != null && sqlFile != null) {
            throw new IllegalArgumentException("give the query with -sql or -sql-file, not both");
        }
        String query = sql != null ? sql : sqlFile != null ? readQuery(sqlFile) : AggregateSettings.DEFAULT_QUERY;
        ZoneId zoneId = switch (zone.toLowerCase(java.util.Locale.ROOT)) {
            case "utc", "z" -> ZoneOffset.UTC;
            case "local" -> ZoneId.systemDefault();
            default -> ZoneId.of(zone);
        };
        if (timeout != null && timeout.compareTo(grace) < 0) {
            throw new IllegalArgumentException("-timeout must be at least -grace (" + grace.toSeconds() + " s), or no window could end");
        }
        StartPosition start = StartPosition.parse(from, Clock.systemUTC());
        Path state = stateDir != null ? stateDir : AggregateSettings.defaultStateDir(source, destination);
        return new AggregateSettings(source, destination, window, TimeMode.parse(time), grace, maxLateness, zoneId, query,
                partitionKey, start, state, timeout, 10_000);
    }

    private static String readQuery(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("the query file " + file + " does not exist");
        }
    }
}
