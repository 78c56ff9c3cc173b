package wildrydes.lab.tail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Follows every shard of a stream and delivers its records, in order per shard, to a
 * {@link RecordSink}: the engine under the lab's tools that read streams. It reads all shards at
 * once (a virtual thread each), by GetRecords polling or, given an {@link EnhancedFanOut}, by
 * SubscribeToShard; re-lists the shards every 5 seconds (and at once when a shard ends) and
 * follows resharding: a closed shard is read to its end, then the sink hears
 * {@link RecordSink#shardEnded}, then its children start once all their parents are finished.
 * KPL aggregates are taken apart as the KCL does, unless told not to.
 *
 * <p>It keeps a {@link Checkpoint} of what the sink has taken ({@link #checkpoint()}), which
 * the caller may persist (or have persisted, {@link Builder#saveCheckpointsTo}) and resume from
 * ({@link Builder#resumeFrom}). It talks to Kinesis only through the AWS SDK (ListShards,
 * GetShardIterator, GetRecords, SubscribeToShard), so it reads Amazon Kinesis as it reads ours.
 */
public final class StreamTail implements ShardDelivery.Progress {
    static final Duration RELIST_INTERVAL = Duration.ofSeconds(5);

    /** What every shard's delivery needs to know. */
    record Settings(RecordSink sink, TailListener listener, boolean deaggregate, boolean deliverEmptyBatches, int recordsPerRead) {
    }

    private final KinesisClient kinesis;
    private final String stream;
    private final Settings settings;
    private final EnhancedFanOut fanOut;
    private final BooleanSupplier until;
    private final CheckpointStore store;
    private final Duration saveInterval;
    private final Duration relistInterval;
    private final ShardScheduler scheduler;
    private final ShardLister lister;

    private final Map<String, ShardPosition> positions = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Map<String, Long> lag = new ConcurrentHashMap<>();
    private final Set<String> reading = ConcurrentHashMap.newKeySet();
    private final AtomicLong userRecords = new AtomicLong();
    private final AtomicLong kinesisRecords = new AtomicLong();
    private final AtomicBoolean halt = new AtomicBoolean();
    private final AtomicBoolean relist = new AtomicBoolean();
    private final AtomicBoolean ran = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Checkpoint lastSaved;
    private long nextSave;

    private StreamTail(Builder b) {
        this.kinesis = b.kinesis;
        this.stream = b.stream;
        this.settings = new Settings(b.sink, b.listener, b.deaggregate, b.deliverEmptyBatches, b.recordsPerRead);
        this.fanOut = b.fanOut;
        this.until = b.until;
        this.store = b.store;
        this.saveInterval = b.saveInterval;
        this.relistInterval = b.relistInterval;
        this.scheduler = new ShardScheduler(b.from, b.resume);
        this.lister = new ShardLister(kinesis, stream, b.listener);
        this.positions.putAll(b.resume.positions());
        this.finished.addAll(b.resume.finished());
        this.lastSaved = b.resume;
    }

    public static Builder builder(KinesisClient kinesis, String stream) {
        return new Builder(kinesis, stream);
    }

    /**
     * Reads until {@code stop} is set, the {@link Builder#until} condition holds, or something
     * fails; returns the records delivered. Waits for every shard's current delivery to finish,
     * saves the checkpoint a last time (with {@link Builder#saveCheckpointsTo}), then throws the
     * first failure, if any: the SDK's exception (a missing stream: ResourceNotFoundException), a
     * {@link SinkException}, or what the sink threw. Runs once.
     */
    public long run(AtomicBoolean stop) {
        if (!ran.compareAndSet(false, true)) {
            throw new IllegalStateException("a StreamTail runs once; build another to read again");
        }
        BooleanSupplier stopped = () -> halt.get() || stop.get();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                long nextListing = System.nanoTime();
                while (!stopped.getAsBoolean() && !until.getAsBoolean()) {
                    if (relist.getAndSet(false) || System.nanoTime() - nextListing >= 0) {
                        Map<String, Shard> listing = lister.list();
                        if (listing != null) {
                            scheduler.ready(listing).forEach(start -> start(start, readers, stopped));
                            forgetGone(listing);
                        }
                        nextListing = System.nanoTime() + relistInterval.toNanos();
                    }
                    saveCheckpoint(false);
                    Failures.pause(100, () -> relist.get() || stopped.getAsBoolean());
                }
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                halt.set(true);
            }
        }
        try {
            saveCheckpoint(true);
        } catch (RuntimeException e) {
            fail(e);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        return userRecords.get();
    }

    private void start(ShardScheduler.Start start, ExecutorService readers, BooleanSupplier stopped) {
        Shard shard = start.shard();
        HashKeyRange keys = shard.hashKeyRange();
        ShardDelivery delivery = new ShardDelivery(stream, shard.shardId(),
                keys == null ? wildrydes.lab.kpl.HashKeyRange.ALL
                        : wildrydes.lab.kpl.HashKeyRange.of(keys.startingHashKey(), keys.endingHashKey()),
                start.from(), settings, this, stopped);
        ShardReader reader = fanOut != null ? fanOut.reader(delivery) : new PollingShardReader(kinesis, delivery);
        reading.add(shard.shardId());
        settings.listener().shardStarted(shard.shardId(), start.from().position());
        readers.submit(() -> {
            try {
                reader.run();
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                reading.remove(shard.shardId());
                lag.remove(shard.shardId());
            }
        });
    }

    private void fail(Throwable e) {
        if (!failure.compareAndSet(null, e) && failure.get() != e) {
            failure.get().addSuppressed(e);
        }
        halt.set(true);
    }

    @Override
    public void delivered(String shardId, ShardPosition end, int kinesis, int user, long millisBehindLatest) {
        synchronized (this) {
            if (end != null) {
                positions.put(shardId, end);
            }
        }
        kinesisRecords.addAndGet(kinesis);
        userRecords.addAndGet(user);
        if (millisBehindLatest >= 0) {
            lag.put(shardId, millisBehindLatest);
        }
        settings.listener().recordsRead(shardId, kinesis, user, millisBehindLatest);
    }

    @Override
    public void finished(String shardId) {
        synchronized (this) {
            positions.remove(shardId);
            finished.add(shardId);
        }
        scheduler.finished(shardId);
        relist.set(true);
        settings.listener().shardFinished(shardId);
    }

    /** Keeps the checkpoint small: drops shards retention has removed, except finished parents of listed shards. */
    private synchronized void forgetGone(Map<String, Shard> listing) {
        Set<String> parents = new HashSet<>();
        listing.values().forEach(shard -> parents.addAll(ShardScheduler.parents(shard)));
        positions.keySet().removeIf(id -> !listing.containsKey(id) && !parents.contains(id));
        finished.removeIf(id -> !listing.containsKey(id) && !parents.contains(id));
    }

    /** What the sink has taken so far: a consistent snapshot to persist and resume from. */
    public synchronized Checkpoint checkpoint() {
        return new Checkpoint(stream, positions, finished);
    }

    /** Progress so far, for a status line. */
    public TailStatus status() {
        int done;
        synchronized (this) {
            done = finished.size();
        }
        return new TailStatus(userRecords.get(), kinesisRecords.get(), Map.copyOf(lag), reading.size(), done);
    }

    private void saveCheckpoint(boolean now) {
        if (store == null || !now && System.nanoTime() - nextSave < 0) {
            return;
        }
        nextSave = System.nanoTime() + saveInterval.toNanos();
        Checkpoint checkpoint = checkpoint();
        if (checkpoint.equals(lastSaved)) {
            return;
        }
        try {
            store.save(checkpoint);
            lastSaved = checkpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the checkpoint " + store.file() + ": " + e.getMessage(), e);
        }
    }

    /** How a tail reads; only the sink is required. */
    public static final class Builder {
        private final KinesisClient kinesis;
        private final String stream;
        private RecordSink sink;
        private StartPosition from = StartPosition.LATEST;
        private Checkpoint resume;
        private EnhancedFanOut fanOut;
        private boolean deaggregate = true;
        private boolean deliverEmptyBatches;
        private int recordsPerRead = 1000;
        private TailListener listener = new TailListener() { };
        private BooleanSupplier until = () -> false;
        private CheckpointStore store;
        private Duration saveInterval;
        private Duration relistInterval = RELIST_INTERVAL;

        private Builder(KinesisClient kinesis, String stream) {
            this.kinesis = kinesis;
            this.stream = stream;
        }

        /** Where the records go. Required. */
        public Builder sink(RecordSink sink) {
            this.sink = sink;
            return this;
        }

        /** Where shards the checkpoint does not name start (default LATEST). */
        public Builder from(StartPosition from) {
            this.from = from;
            return this;
        }

        /** Continue from a checkpoint of this stream (see {@link Checkpoint} for the rules). */
        public Builder resumeFrom(Checkpoint checkpoint) {
            this.resume = checkpoint;
            return this;
        }

        /** Read with SubscribeToShard through this registered consumer instead of GetRecords. */
        public Builder fanOut(EnhancedFanOut fanOut) {
            this.fanOut = fanOut;
            return this;
        }

        /** Take KPL aggregates apart into their user records (default true, as the KCL does). */
        public Builder deaggregate(boolean deaggregate) {
            this.deaggregate = deaggregate;
            return this;
        }

        /** Also call the sink for reads that brought no records, e.g. to close time windows (default false). */
        public Builder deliverEmptyBatches(boolean deliverEmptyBatches) {
            this.deliverEmptyBatches = deliverEmptyBatches;
            return this;
        }

        /** GetRecords' Limit, 1 to 10,000 (default 1,000); SubscribeToShard has none. */
        public Builder recordsPerRead(int recordsPerRead) {
            if (recordsPerRead < 1 || recordsPerRead > 10_000) {
                throw new IllegalArgumentException("records per read must be 1 to 10000, not " + recordsPerRead);
            }
            this.recordsPerRead = recordsPerRead;
            return this;
        }

        public Builder listener(TailListener listener) {
            this.listener = listener;
            return this;
        }

        /** Also stop once this holds (checked every 100 ms), e.g. after a time without records. */
        public Builder until(BooleanSupplier until) {
            this.until = until;
            return this;
        }

        /** Save the checkpoint to {@code store} at most every {@code interval} while it changes, and when the tail stops. */
        public Builder saveCheckpointsTo(CheckpointStore store, Duration interval) {
            this.store = store;
            this.saveInterval = interval;
            return this;
        }

        /** How often shards are listed again (default 5 s). */
        public Builder relistInterval(Duration relistInterval) {
            this.relistInterval = relistInterval;
            return this;
        }

        public StreamTail build() {
            if (sink == null) {
                throw new IllegalStateException("a StreamTail needs a sink");
            }
            if (resume == null) {
                resume = Checkpoint.empty(stream);
            } else if (resume.stream() != null && !resume.stream().equals(stream)) {
                throw new IllegalArgumentException("the checkpoint is of stream " + resume.stream() + ", not " + stream);
            }
            return new StreamTail(this);
        }
    }
}
