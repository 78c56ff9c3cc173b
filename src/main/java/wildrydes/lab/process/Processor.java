package wildrydes.lab.process;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.LabException;
import wildrydes.lab.process.mapping.EventSourceMapping;
import wildrydes.lab.process.mapping.FailureDestination;
import wildrydes.lab.process.mapping.MappingState;
import wildrydes.lab.process.runtime.FunctionConfig;
import wildrydes.lab.process.runtime.RuntimeApiFunction;
import wildrydes.lab.tail.TailStatus;

/**
 * Module 4 in one object: a function (the built-in table writer or a user's, behind the Runtime
 * API) triggered by a Kinesis event source mapping on a stream. {@link #run} works in the caller's
 * thread until the stop flag is set; {@link #start}/{@link #stop} run it in a thread of its own
 * (the demo's way). It talks to Kinesis and DynamoDB only through the clients it is given, so it
 * works against Amazon Kinesis and DynamoDB as against the local server.
 */
public final class Processor {
    private static final long STATUS_MILLIS = 1_000;
    private static final long SUMMARY_MILLIS = 10_000;

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamo;
    private final ProcessSettings settings;
    private final PrintStream err;
    private final FunctionMetrics metrics = new FunctionMetrics();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread thread;

    public Processor(KinesisClient kinesis, DynamoDbClient dynamo, ProcessSettings settings, PrintStream err) {
        this.kinesis = kinesis;
        this.dynamo = dynamo;
        this.settings = settings;
        this.err = err;
    }

    /** Runs in a thread of its own; {@link #stop} ends it. */
    public synchronized void start() {
        thread = Thread.ofPlatform().name("process-" + settings.functionName()).daemon(true).start(() -> {
            try {
                run(stop);
            } catch (Throwable e) {
                failure.set(e);
                err.println("process: " + e.getMessage());
            }
        });
    }

    /** Stops the run started by {@link #start} and waits for it (the batch in flight is abandoned, to be retried next time). */
    public void stop() throws InterruptedException {
        stop.set(true);
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.join();
        }
    }

    /** What went wrong in the thread {@link #start} made, if anything. */
    public Throwable failure() {
        return failure.get();
    }

    public FunctionMetrics metrics() {
        return metrics;
    }

    /** Prepares (stream, table, state, function) and processes until {@code stopFlag} is set. */
    public void run(AtomicBoolean stopFlag) throws InterruptedException {
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(settings.stream())).streamDescriptionSummary().streamARN();
        String[] arn = streamArn.split(":");
        String region = arn[3];
        String account = arn[4];
        String functionArn = "arn:aws:lambda:" + region + ":" + account + ":function:" + settings.functionName();
        String role = settings.role() != null ? settings.role() : "arn:aws:iam::" + account + ":role/" + settings.functionName() + "Role";
        List<String> keys = UnicornTable.ensure(dynamo, settings.table(), settings.createTable(), err);
        Path stateDir = settings.stateDirOrDefault();
        FailureDestination destination = settings.onFailure() == null ? null : FailureDestination.parse(settings.onFailure(), kinesis);
        ProcessProgress progress = new ProcessProgress(err, settings.functionName(), metrics);
        long startedMillis = System.currentTimeMillis();
        try (MappingState state = MappingState.open(stateDir.resolve("mapping.state"), settings.stream(), Instant.now());
             LambdaFunction function = function(region, functionArn, keys, stateDir)) {
            err.println("process: " + describe(destination) + (state.resumed() ? "; resuming from " + state.file() : ""));
            EventSourceMapping mapping = new EventSourceMapping(kinesis, settings.stream(), settings.mapping(),
                    function, new FunctionEvent.Source(streamArn, region, role), functionArn, destination, state, progress, progress,
                    stopFlag);
            Thread status = Thread.ofVirtual().name("process-status").start(() -> {
                statusLoop(mapping, progress, stateDir, startedMillis, stopFlag);
                function.close(); // a stop ends the invocation in flight now (it is not checkpointed), not at its timeout
            });
            try {
                mapping.run(stopFlag);
            } finally {
                stopFlag.set(true);
                status.join();
                writeStatus(mapping, stateDir, startedMillis, false);
            }
        } catch (IOException e) {
            throw new LabException(e.getMessage());
        }
    }

    private LambdaFunction function(String region, String functionArn, List<String> keys, Path stateDir) throws IOException {
        FunctionConfig user = settings.function();
        if (user == null) {
            return new BuiltInFunction(settings.functionName(), new TableWriter(dynamo, settings.table(), keys), settings.timeout());
        }
        Map<String, String> env = new TreeMap<>();
        env.put("TABLE_NAME", settings.table());
        env.putAll(user.environment());
        FunctionConfig config = new FunctionConfig(settings.functionName(), user.runtime(), user.handler(), user.classpath(), user.code(),
                user.bootstrap(), env, settings.timeout(), user.memoryMb(), region, functionArn, settings.endpoint(), user.credentials(),
                stateDir.resolve("runtime"));
        return new RuntimeApiFunction(config, err);
    }

    private String describe(FailureDestination destination) {
        var m = settings.mapping();
        String function = settings.function() == null ? "built-in function " + settings.functionName() + " (writes each record into "
                + settings.table() + ")" : settings.function().runtime().name().toLowerCase() + " function " + settings.functionName()
                + " (" + (settings.function().handler() == null ? settings.function().bootstrap() : settings.function().handler()) + ")";
        return function + " on stream " + settings.stream() + ": batches of up to " + m.batchSize()
                + (m.batchWindow().isZero() ? "" : ", window " + m.batchWindow().toMillis() / 1000.0 + " s")
                + ", from " + m.start().type() + ", retries " + (m.maximumRetryAttempts() < 0 ? "until the records expire" : m.maximumRetryAttempts())
                + (m.maximumRecordAgeSeconds() < 0 ? "" : ", maximum record age " + m.maximumRecordAgeSeconds() + " s")
                + (m.bisectBatchOnFunctionError() ? ", bisect on error" : "")
                + (m.reportBatchItemFailures() ? ", partial batch responses" : "")
                + (m.tumblingWindowSeconds() > 0 ? ", tumbling window " + m.tumblingWindowSeconds() + " s" : "")
                + (destination == null ? "" : ", failed batches to " + destination.describe())
                + ", timeout " + Timeouts.seconds(settings.timeout()) + " s";
    }

    private void statusLoop(EventSourceMapping mapping, ProcessProgress progress, Path stateDir, long startedMillis, AtomicBoolean stopFlag) {
        long nextSummary = System.currentTimeMillis() + SUMMARY_MILLIS;
        while (!stopFlag.get()) {
            writeStatus(mapping, stateDir, startedMillis, true);
            long now = System.currentTimeMillis();
            if (now >= nextSummary) {
                String line = progress.summary(iteratorAge(mapping));
                if (line != null) {
                    err.println(line);
                }
                nextSummary = now + SUMMARY_MILLIS;
            }
            for (int i = 0; i < STATUS_MILLIS / 50 && !stopFlag.get(); i++) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static long iteratorAge(EventSourceMapping mapping) {
        TailStatus status = mapping.status();
        return status == null ? 0 : status.maxMillisBehindLatest();
    }

    private void writeStatus(EventSourceMapping mapping, Path stateDir, long startedMillis, boolean running) {
        String runtime = settings.function() == null ? "built-in" : settings.function().runtime().name().toLowerCase();
        try {
            FunctionStatus.of(settings.functionName(), settings.stream(), settings.table(), runtime, running, startedMillis,
                    System.currentTimeMillis(), metrics, iteratorAge(mapping)).write(stateDir);
        } catch (IOException e) {
            // only news: the next second tries again
        }
    }
}
