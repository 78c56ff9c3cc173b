package wildrydes.lab.process;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.common.Explain;
import wildrydes.lab.process.mapping.MappingSettings;
import wildrydes.lab.tail.StartPosition;

/**
 * Module 4 inside the demo: the workshop's function, built in, triggered by wildrydes-summary
 * (batches of up to 100), writes each summary as an item into UnicornSensorData, in process and
 * with the same checkpoints as {@code ./process}. It waits for the summary stream (the
 * aggregation creates it) and, on a first start, takes the summaries from the demo's start on.
 */
public final class DemoProcessing {
    public static final String TABLE = ProcessSettings.TABLE;
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final Future<?> running;
    private final FunctionMetrics metrics;
    private final PrintStream err;

    private DemoProcessing(Future<?> running, FunctionMetrics metrics, PrintStream err) {
        this.running = running;
        this.metrics = metrics;
        this.err = err;
    }

    /**
     * Starts the processing on {@code tasks}; it stops with {@code stop}.
     *
     * @param since    where a new mapping starts reading (a saved one resumes after its checkpoint)
     * @param stateDir the mapping's checkpoint and status ({@link FunctionStatus#root} beside the data, for the console)
     * @param endpoint the endpoint named in the function's settings (the server's URL)
     */
    public static DemoProcessing start(KinesisClient kinesis, DynamoDbClient dynamo, String endpoint, Instant since, Path stateDir,
                                       PrintStream err, ExecutorService tasks, AtomicBoolean stop) {
        MappingSettings mapping = MappingSettings.defaults().withStart(StartPosition.atTimestamp(since));
        ProcessSettings settings = new ProcessSettings(ProcessSettings.SUMMARY_STREAM, TABLE, true, BuiltInFunction.NAME, null, mapping,
                Duration.ofSeconds(60), null, stateDir, null, endpoint);
        Processor processor = new Processor(kinesis, dynamo, settings, err);
        Future<?> running = tasks.submit(() -> {
            try {
                while (!stop.get() && !active(kinesis, settings.stream())) {
                    Explain.sleep(250);
                }
                if (!stop.get()) {
                    processor.run(stop);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                err.println("demo: the processing into " + TABLE + " stopped: " + e.getMessage());
            }
        });
        return new DemoProcessing(running, processor.metrics(), err);
    }

    /** Waits (bounded) for the processing to stop once the demo's stop is set; says what it did, for the demo's last line. */
    public String finish() throws InterruptedException {
        try {
            running.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            err.println("demo: the processing did not stop cleanly: " + e);
        }
        long invocations = metrics.invocations();
        return ", " + BuiltInFunction.NAME + " put the summaries into " + TABLE + " (" + invocations + " invocation"
                + (invocations == 1 ? "" : "s") + ", " + metrics.records() + " record" + (metrics.records() == 1 ? "" : "s")
                + (metrics.errors() > 0 ? ", " + metrics.errors() + " failed and retried" : "") + ")";
    }

    private static boolean active(KinesisClient kinesis, String stream) {
        try {
            return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE;
        } catch (ResourceNotFoundException notYet) {
            return false;
        }
    }
}
