package wildrydes.lab.aggregate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.tail.StartPosition;

/**
 * Module 3 inside the demo: the workshop's aggregation runs in process and each summary is
 * printed as it lands on the summary stream, set apart from the readings ({@link SummaryFeed}).
 * If another aggregation already holds the state, the demo shows the summaries that one writes.
 */
public final class DemoAggregation {
    public static final String DESTINATION = AggregateSettings.DEFAULT_DESTINATION;
    private static final long NO_STATUS_LINES = Duration.ofDays(1).toMillis();

    private final SummaryFeed feed;
    private final Future<Aggregator.Summary> aggregation;
    private final Future<?> feeding;
    private final PrintStream err;

    private DemoAggregation(SummaryFeed feed, Future<Aggregator.Summary> aggregation, Future<?> feeding, PrintStream err) {
        this.feed = feed;
        this.aggregation = aggregation;
        this.feeding = feeding;
        this.err = err;
    }

    /** Starts the aggregation of {@code source} and the summary feed on {@code tasks}; both stop with {@code stop}. */
    public static DemoAggregation start(KinesisClient kinesis, KinesisEndpoint endpoint, String source, Duration window, Path stateDir,
                                        PrintStream out, PrintStream err, ExecutorService tasks, AtomicBoolean stop) {
        Instant since = Instant.now().minusMillis(1);
        AggregateSettings settings = AggregateSettings.workshop(source, DESTINATION, StartPosition.LATEST, stateDir).withWindow(window);
        Aggregator aggregator = new Aggregator(settings, err, false, NO_STATUS_LINES, Map.of());
        Future<Aggregator.Summary> aggregation = tasks.submit(() -> {
            try (aggregator) {
                return aggregator.run(kinesis, endpoint, null, null, stop);
            } catch (RuntimeException e) {
                err.println("demo: the aggregation stopped: " + e.getMessage() + "; showing what " + DESTINATION + " receives");
                return null;
            }
        });
        SummaryFeed feed = new SummaryFeed(kinesis, DESTINATION, out);
        Future<?> feeding = tasks.submit(() -> feed.run(since, stop));
        return new DemoAggregation(feed, aggregation, feeding, err);
    }

    /** Waits (bounded) for both to stop once the demo's stop is set; says what they did, for the demo's last line. */
    public String finish() throws InterruptedException {
        Aggregator.Summary summary = null;
        try {
            summary = aggregation.get(30, TimeUnit.SECONDS);
            feeding.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            err.println("demo: the aggregation did not stop cleanly: " + e);
        }
        String windows = summary == null ? "" : ", the aggregation emitted " + summary.windowsOut() + " window"
                + (summary.windowsOut() == 1 ? "" : "s") + (summary.openWindows() > 0 ? " (the open one is emitted at the next start)" : "");
        return windows + ", " + feed.shown() + " summar" + (feed.shown() == 1 ? "y" : "ies") + " shown";
    }
}
