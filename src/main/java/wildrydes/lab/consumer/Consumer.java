package wildrydes.lab.consumer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.tail.EnhancedFanOut;
import wildrydes.lab.tail.StartPosition;
import wildrydes.lab.tail.StreamTail;

/**
 * Tails a stream and prints what it reads: a {@link StreamTail} (every shard at once, following
 * resharding, KPL aggregates taken apart) with a printing sink.
 */
public final class Consumer {
    /**
     * @param stream      the stream to read
     * @param from        where to start
     * @param max         stop after this many records; 0 for no limit
     * @param idleTimeout stop after this long without a record; null for never
     * @param formatter   how records are printed
     * @param lag         report MillisBehindLatest on the error stream
     * @param deaggregate print the user records of KPL aggregates (false: each Kinesis record as it is)
     */
    public record Settings(String stream, StartPosition from, long max, Duration idleTimeout, RecordFormatter formatter,
                           boolean lag, boolean deaggregate) {
        /** KPL aggregates taken apart. */
        public Settings(String stream, StartPosition from, long max, Duration idleTimeout, RecordFormatter formatter, boolean lag) {
            this(stream, from, max, idleTimeout, formatter, lag, true);
        }
    }

    private final KinesisClient kinesis;
    private final KinesisEndpoint endpoint;
    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final EnhancedFanOut fanOut;
    private volatile PrintingSink sink;

    public Consumer(KinesisClient kinesis, KinesisEndpoint endpoint, Settings settings, PrintStream out, PrintStream err) {
        this(kinesis, endpoint, settings, out, err, null);
    }

    /** With {@code fanOut}, shards are read with SubscribeToShard through its consumer instead of GetRecords. */
    public Consumer(KinesisClient kinesis, KinesisEndpoint endpoint, Settings settings, PrintStream out, PrintStream err,
                    EnhancedFanOut fanOut) {
        this.kinesis = kinesis;
        this.endpoint = endpoint;
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.fanOut = fanOut;
    }

    /** Reads until {@code stop} is set, the maximum is reached, or the idle timeout passes. Returns the records printed. */
    public long run(AtomicBoolean stop) {
        PrintingSink printing = new PrintingSink(settings.formatter(), out, settings.max(), stop);
        sink = printing;
        Duration idle = settings.idleTimeout();
        StreamTail tail = StreamTail.builder(kinesis, settings.stream())
                .from(settings.from())
                .fanOut(fanOut)
                .deaggregate(settings.deaggregate())
                .listener(new ConsumerListener(err, settings.lag()))
                .until(() -> idle != null && printing.nanosSinceLastRecord() > idle.toNanos())
                .sink(printing)
                .build();
        try {
            tail.run(stop);
        } catch (LabException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Explain.explain(e, endpoint, settings.stream());
        } finally {
            stop.set(true);
        }
        return printing.printed();
    }

    /** Records printed so far. */
    public long printed() {
        PrintingSink current = sink;
        return current == null ? 0 : current.printed();
    }
}
