package wildrydes.fanout;

import java.math.BigInteger;
import java.util.List;
import wildrydes.errors.KinesisException;
import wildrydes.storage.ReadBatch;
import wildrydes.storage.ShardLog;
import wildrydes.storage.StoredRecord;
import wildrydes.stream.Shard;
import wildrydes.stream.ShardRecords;
import wildrydes.stream.Stream;
import wildrydes.stream.SubscriptionTiming;

/**
 * A consumer's read position in one shard for one SubscribeToShard call. It never polls: whoever
 * delivers its events calls {@link #poll} when {@link #listen woken} by a commit (or by its own
 * timers), and only as fast as the connection takes them, so a slow subscriber holds no more
 * than one batch and never slows writers.
 */
public final class Subscription {
    private final StreamConsumer consumer;
    private final Stream stream;
    private final Shard shard;
    private final long startedNanos;
    private final SubscriptionTiming timing;
    private long position;
    private boolean finished;
    private volatile KinesisException endedBy;
    private volatile Runnable wake;
    private volatile boolean closed;

    Subscription(StreamConsumer consumer, Stream stream, Shard shard, long startPosition, long startedNanos,
                 SubscriptionTiming timing) {
        this.consumer = consumer;
        this.stream = stream;
        this.shard = shard;
        this.position = startPosition;
        this.startedNanos = startedNanos;
        this.timing = timing;
    }

    /** How long this subscription lasts and how often it sends an empty event when idle. */
    public SubscriptionTiming timing() {
        return timing;
    }

    StreamConsumer consumer() {
        return consumer;
    }

    Shard shard() {
        return shard;
    }

    public String streamName() {
        return stream.name();
    }

    public String shardId() {
        return shard.id();
    }

    long startedNanos() {
        return startedNanos;
    }

    /** The consumer and shard it holds a slot for: one subscription per pair at a time. */
    String key() {
        return consumer.streamName() + "/" + consumer.streamCreatedMillis() + "/" + consumer.name() + "/"
                + consumer.createdMillis() + "/" + shard.index();
    }

    /** Runs {@code wake} (on any thread; it must not block) whenever {@link #poll} may have something new. */
    public void listen(Runnable wake) {
        this.wake = wake;
        shard.commits().add(wake);
        wake.run(); // records committed before listening are read on this first wake
    }

    /**
     * The next event, or null when nothing is new. Reads at most {@code maxRecords} records
     * and, past the first, {@code maxBytes}.
     */
    public synchronized ShardEvent poll(int maxRecords, long maxBytes, long nowMillis) {
        if (finished) {
            return null;
        }
        long readEnd = shard.isOpen() ? Long.MAX_VALUE : shard.closedEnd();
        if (position >= readEnd) {
            return lastEvent(List.of());
        }
        ShardLog log = shard.log();
        if (position >= log.committedEnd()) {
            return null;
        }
        ReadBatch batch = log.read(position, (int) Math.min(maxRecords, readEnd - position), maxBytes);
        position = Math.max(position, batch.nextSequence());
        if (position >= readEnd) {
            return lastEvent(batch.records());
        }
        if (batch.records().isEmpty()) {
            return null;
        }
        long behind = batch.caughtUp() ? 0 : Math.max(0, nowMillis - batch.nextArrivalMillis());
        return new ShardEvent(ShardRecords.of(stream, shard, batch.records()), continuation(), behind, List.of());
    }

    /** An event without records that says where the reader is: what an idle subscription sends now and then. */
    public synchronized ShardEvent heartbeat() {
        return new ShardEvent(ShardRecords.of(stream, shard, List.of()), continuation(), 0, List.of());
    }

    private ShardEvent lastEvent(List<StoredRecord> records) {
        finished = true;
        return new ShardEvent(ShardRecords.of(stream, shard, records), null, 0, stream.children(shard));
    }

    /** Whether the end of the closed shard has been delivered: nothing more will come. */
    public synchronized boolean finished() {
        return finished;
    }

    /**
     * The sequence number to continue AFTER: that of the last record delivered. Before the
     * shard's first record it is the number just below the shard's first sequence number, so
     * AFTER_SEQUENCE_NUMBER with it still starts at the first record.
     */
    private String continuation() {
        if (position > 0) {
            return stream.sequenceNumber(shard, position - 1);
        }
        return beforeFirst(stream, shard);
    }

    static String beforeFirst(Stream stream, Shard shard) {
        return new BigInteger(stream.sequenceNumber(shard, 0)).subtract(BigInteger.ONE).toString();
    }

    /** Why the subscription was ended from outside (taken over, consumer or stream deleted), or null. */
    public KinesisException endedBy() {
        return endedBy;
    }

    void end(KinesisException reason) {
        endedBy = reason;
        Runnable current = wake;
        if (current != null) {
            current.run();
        }
    }

    /** Stops listening; the consumer's slot on this shard is free from now on (see {@link Subscriptions}). */
    public void close() {
        closed = true;
        Runnable current = wake;
        if (current != null) {
            shard.commits().remove(current);
        }
    }

    /** Whether {@link #close()} was called: the subscription holds no slot any more. */
    boolean closed() {
        return closed;
    }
}
