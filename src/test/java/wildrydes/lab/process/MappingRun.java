package wildrydes.lab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import wildrydes.lab.process.mapping.EventSourceMapping;
import wildrydes.lab.process.mapping.FailureDestination;
import wildrydes.lab.process.mapping.MappingListener;
import wildrydes.lab.process.mapping.MappingSettings;
import wildrydes.lab.process.mapping.MappingState;
import wildrydes.lab.tail.TailListener;

/** An event source mapping running in a thread of the test, stopped (and its state closed) by {@link #close}. */
final class MappingRun implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final MappingState state;
    private final Thread thread;

    MappingRun(LocalServer local, String stream, MappingSettings settings, LambdaFunction function, FailureDestination destination,
               Path stateFile, MappingListener listener) throws Exception {
        this(local, stream, settings, function, destination, stateFile, listener, java.time.Clock.systemUTC());
    }

    MappingRun(LocalServer local, String stream, MappingSettings settings, LambdaFunction function, FailureDestination destination,
               Path stateFile, MappingListener listener, java.time.Clock clock) throws Exception {
        state = MappingState.open(stateFile, stream, Instant.now());
        String arn = local.kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        EventSourceMapping mapping = new EventSourceMapping(local.kinesis, stream, settings, function,
                new FunctionEvent.Source(arn, "us-east-1", "arn:aws:iam::000000000000:role/testRole"),
                "arn:aws:lambda:us-east-1:000000000000:function:scripted", destination, state, listener, new TailListener() { }, stop, clock);
        thread = Thread.ofPlatform().start(() -> {
            try {
                mapping.run(stop);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
    }

    static void await(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
        await(condition, seconds, () -> what);
    }

    /** Waits for the condition; fails with the description as it is then (e.g. the progress so far). */
    static void await(BooleanSupplier condition, long seconds, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s in vain for " + what.get());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        thread.join(30_000);
        assertThat(thread.isAlive()).as("the mapping stopped").isFalse();
        state.close();
        if (failure.get() != null) {
            throw new AssertionError("the mapping failed", failure.get());
        }
    }
}
