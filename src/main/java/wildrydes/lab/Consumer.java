package wildrydes.lab;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;

/**
 * Tails a stream: reads every shard concurrently, re-lists the shards every few seconds and
 * follows resharding (a closed shard read to its end hands over to its children, which start
 * once all their parents are done), so no record is skipped and none is read twice.
 */
public final class Consumer {
    static final Duration RELIST_INTERVAL = Duration.ofSeconds(5);

    /**
     * @param stream      the stream to read
     * @param from        where to start
     * @param max         stop after this many records; 0 for no limit
     * @param idleTimeout stop after this long without a record; null for never
     * @param formatter   how records are printed
     * @param lag         report MillisBehindLatest on the error stream
     */
    public record Settings(String stream, StartPosition from, long max, Duration idleTimeout, RecordFormatter formatter,
                           boolean lag) {
    }

    private final KinesisClient kinesis;
    private final KinesisEndpoint endpoint;
    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final ShardReaders shardReaders;
    private final AtomicLong printed = new AtomicLong();
    private final AtomicLong lastRecordNanos = new AtomicLong(System.nanoTime());
    private final Map<String, ShardReader.State> states = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    public Consumer(KinesisClient kinesis, KinesisEndpoint endpoint, Settings settings, PrintStream out, PrintStream err) {
        this(kinesis, endpoint, settings, out, err, null);
    }

    /** With {@code fanOut}, shards are read with SubscribeToShard through its consumer instead of GetRecords. */
    public Consumer(KinesisClient kinesis, KinesisEndpoint endpoint, Settings settings, PrintStream out, PrintStream err,
                    EnhancedFanOut fanOut) {
        this.shardReaders = fanOut != null ? fanOut
                : (consumer, shardId, start, stop) -> new ShardReader(kinesis, settings, shardId, start, consumer, stop)::run;
        this.kinesis = kinesis;
        this.endpoint = endpoint;
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Reads until {@code stop} is set, the maximum is reached, or the idle timeout passes. Returns the records printed. */
    public long run(AtomicBoolean stop) {
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            boolean initial = true;
            while (!shouldStop(stop)) {
                startReadyShards(listShards(), initial, readers, stop);
                initial = false;
                for (long waited = 0; waited < RELIST_INTERVAL.toMillis() && !shouldStop(stop) && !relistRequested(); waited += 100) {
                    sleep(100);
                }
            }
            stop.set(true);
            readers.shutdown();
            readers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return printed.get();
    }

    /** Set when a shard is read to its end, so that its children start without waiting for the next listing. */
    private volatile boolean relist;

    private boolean relistRequested() {
        if (relist) {
            relist = false;
            return true;
        }
        return false;
    }

    private boolean shouldStop(AtomicBoolean stop) {
        if (stop.get() || failure != null) {
            return true;
        }
        if (settings.max() > 0 && printed.get() >= settings.max()) {
            return true;
        }
        return settings.idleTimeout() != null
                && System.nanoTime() - lastRecordNanos.get() > settings.idleTimeout().toNanos();
    }

    private Map<String, Shard> listShards() {
        Map<String, Shard> shards = new LinkedHashMap<>();
        try {
            ListShardsResponse page = kinesis.listShards(ListShardsRequest.builder().streamName(settings.stream()).build());
            page.shards().forEach(s -> shards.put(s.shardId(), s));
            while (page.nextToken() != null) {
                String token = page.nextToken();
                page = kinesis.listShards(r -> r.nextToken(token));
                page.shards().forEach(s -> shards.put(s.shardId(), s));
            }
        } catch (RuntimeException e) {
            RuntimeException explained = Explain.explain(e, endpoint, settings.stream());
            if (explained instanceof LabException) {
                throw explained;
            }
            err.println("consumer: listing shards failed, will retry: " + e.getMessage());
        }
        return shards;
    }

    /** Starts readers for shards whose parents are all done (or gone); on the first listing honours -from. */
    private void startReadyShards(Map<String, Shard> shards, boolean initial, ExecutorService readers, AtomicBoolean stop) {
        boolean fromLatest = settings.from().type() == ShardIteratorType.LATEST;
        for (Shard shard : shards.values()) {
            if (states.containsKey(shard.shardId())) {
                continue;
            }
            boolean closed = shard.sequenceNumberRange().endingSequenceNumber() != null;
            if (initial && fromLatest) {
                if (closed) {
                    states.put(shard.shardId(), ShardReader.State.FINISHED); // LATEST of a closed shard holds nothing new
                    continue;
                }
                start(shard, settings.from(), readers, stop);
                continue;
            }
            if (!parentsDone(shard, shards)) {
                continue;
            }
            StartPosition position = initial ? settings.from() : childStart();
            start(shard, position, readers, stop);
        }
    }

    /** Children of a shard we read start where their data starts (or at the requested time). */
    private StartPosition childStart() {
        StartPosition from = settings.from();
        return from.type() == ShardIteratorType.AT_TIMESTAMP ? from : new StartPosition(ShardIteratorType.TRIM_HORIZON, null, null);
    }

    private boolean parentsDone(Shard shard, Map<String, Shard> shards) {
        Set<String> parents = new HashSet<>();
        if (shard.parentShardId() != null) {
            parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null) {
            parents.add(shard.adjacentParentShardId());
        }
        for (String parent : parents) {
            if (shards.containsKey(parent) && states.get(parent) != ShardReader.State.FINISHED) {
                return false;
            }
        }
        return true;
    }

    private void start(Shard shard, StartPosition position, ExecutorService readers, AtomicBoolean stop) {
        states.put(shard.shardId(), ShardReader.State.READING);
        Runnable reader = shardReaders.reader(this, shard.shardId(), position, stop);
        readers.submit(() -> {
            try {
                reader.run();
                states.put(shard.shardId(), ShardReader.State.FINISHED);
                relist = true;
            } catch (LabException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = Explain.explain(e, endpoint, settings.stream());
            }
        });
    }

    Settings settings() {
        return settings;
    }

    /** Records printed so far. */
    public long printed() {
        return printed.get();
    }

    /** Prints one formatted record; false once the maximum has been reached. */
    boolean print(String text) {
        synchronized (out) {
            if (settings.max() > 0 && printed.get() >= settings.max()) {
                return false;
            }
            out.println(text);
            out.flush();
            printed.incrementAndGet();
        }
        lastRecordNanos.set(System.nanoTime());
        return true;
    }

    void reportLag(String shardId, long millisBehind) {
        if (settings.lag()) {
            err.println("consumer: " + shardId + " is " + millisBehind + " ms behind latest");
        }
    }

    void warn(String message) {
        err.println("consumer: " + message);
    }

    List<String> shardsRead() {
        return new ArrayList<>(states.keySet());
    }

    static void sleep(long millis) {
        Explain.sleep(millis);
    }
}
