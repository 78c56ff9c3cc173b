package wildrydes.fanout;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.errors.KinesisException;
import wildrydes.storage.StorageEngine;
import wildrydes.stream.ControlTimers;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.Shard;
import wildrydes.stream.ShardIds;
import wildrydes.stream.ShardIteratorType;
import wildrydes.stream.StoredJson;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;
import wildrydes.stream.StreamStatus;
import wildrydes.stream.SubscriptionTiming;

/**
 * The consumers registered for enhanced fan-out, kept in one storage blob so that they survive
 * restarts, and their SubscribeToShard subscriptions. Like streams they are CREATING, then
 * ACTIVE after the state-change delay; a deregistered one is DELETING for that long and then
 * gone, with its tags and policy. After a restart a CREATING consumer comes back ACTIVE and a
 * DELETING one is gone. A consumer belongs to one incarnation of a stream: it is found through
 * the {@link StreamRegistry}, and a stream deleted and created again does not inherit it.
 */
public final class StreamConsumers {
    public static final int MAX_PER_STREAM = 20;

    private static final Logger log = LoggerFactory.getLogger(StreamConsumers.class);
    private static final String BLOB = "stream-consumers";

    /** How a consumer is stored. */
    record Stored(String streamName, long streamCreatedMillis, String name, long createdMillis, ConsumerStatus status) {
    }

    private final StreamRegistry streams;
    private final ServiceSettings settings;
    private final StorageEngine storage;
    private final ControlTimers timers;
    private final ConsumerResourceStore resources;
    private final List<StreamConsumer> consumers = new ArrayList<>();
    private final Subscriptions subscriptions = new Subscriptions();
    private volatile SubscriptionTiming timing = SubscriptionTiming.AWS;

    /** The consumers stored in {@code storage}, recovered against the streams of the (recovered) registry. */
    public StreamConsumers(StreamRegistry streams, StorageEngine storage, ControlTimers timers) {
        this.streams = streams;
        this.settings = streams.settings();
        this.storage = storage;
        this.timers = timers;
        this.resources = new ConsumerResourceStore(storage);
        recover();
    }

    /** Where the consumers' tags and policies are kept (for {@link ConsumerResources}). */
    ConsumerResourceStore resourceStore() {
        return resources;
    }

    private void recover() {
        byte[] blob = storage.readBlob(BLOB);
        if (blob == null) {
            return;
        }
        List<Stored> stored;
        try {
            stored = StoredJson.mapper().readValue(blob, new TypeReference<List<Stored>>() { });
        } catch (IOException e) {
            log.error("Registered stream consumers are unreadable and are dropped", e);
            return;
        }
        boolean changed = false;
        for (Stored s : stored) {
            Stream stream = liveStream(s.streamName());
            if (s.status() == ConsumerStatus.DELETING || stream == null || stream.createdMillis() != s.streamCreatedMillis()) {
                changed = true;
                continue;
            }
            changed |= s.status() != ConsumerStatus.ACTIVE;
            consumers.add(new StreamConsumer(s.streamName(), s.streamCreatedMillis(), s.name(), s.createdMillis(),
                    ConsumerStatus.ACTIVE));
        }
        if (changed) {
            persist();
        }
    }

    private Stream liveStream(String name) {
        return streams.find(name);
    }

    /** The lifetime and heartbeat interval of subscriptions opened from now on. */
    public void timing(SubscriptionTiming timing) {
        this.timing = timing;
    }

    // ---------------------------------------------------------------- registration

    public synchronized StreamConsumer register(Stream stream, String name) {
        if (stream.status() != StreamStatus.ACTIVE && stream.status() != StreamStatus.UPDATING) {
            throw KinesisException.inUse("Stream " + stream.name() + " under account " + settings.accountId()
                    + " not ACTIVE, instead in state " + stream.status());
        }
        List<StreamConsumer> existing = of(stream);
        for (StreamConsumer consumer : existing) {
            if (consumer.name().equals(name)) {
                throw KinesisException.inUse("Consumer " + name + " under stream " + settings.streamArn(stream.name())
                        + " already exists (" + consumer.status() + ").");
            }
        }
        if (existing.size() >= MAX_PER_STREAM) {
            throw KinesisException.limitExceeded("Stream " + settings.streamArn(stream.name()) + " already has "
                    + MAX_PER_STREAM + " registered consumers, the most a stream can have. Deregister one first.");
        }
        long now = settings.clock().millis();
        StreamConsumer consumer = new StreamConsumer(stream.name(), stream.createdMillis(), name, now, ConsumerStatus.CREATING);
        consumers.add(consumer);
        persist();
        timers.afterStateChange(() -> transition(consumer, ConsumerStatus.CREATING, ConsumerStatus.ACTIVE));
        return consumer;
    }

    public synchronized void deregister(StreamConsumer consumer) {
        if (consumer.status() == ConsumerStatus.DELETING || !consumers.contains(consumer)) {
            return;
        }
        consumer.status(ConsumerStatus.DELETING);
        persist();
        subscriptions.endAll(s -> s.consumer() == consumer, KinesisException.notFound("Consumer "
                + consumer.arn(settings) + " was deregistered."));
        timers.afterStateChange(() -> forget(consumer));
    }

    /**
     * Before a stream is deleted (DeleteStream passes this to the registry, which runs it under its
     * lock): refuses while the stream has consumers, or, with {@code enforceConsumerDeletion},
     * deregisters them.
     */
    public synchronized void beforeStreamDelete(Stream stream, boolean enforceConsumerDeletion) {
        List<StreamConsumer> registered = of(stream);
        if (registered.isEmpty()) {
            return;
        }
        if (!enforceConsumerDeletion) {
            throw KinesisException.inUse("Stream " + stream.name() + " under account " + settings.accountId() + " has "
                    + registered.size() + " registered consumer(s). Deregister them first, or set EnforceConsumerDeletion.");
        }
        registered.forEach(this::deregister);
    }

    private synchronized void transition(StreamConsumer consumer, ConsumerStatus from, ConsumerStatus to) {
        if (consumers.contains(consumer) && consumer.status() == from) {
            consumer.status(to);
            persist();
        }
    }

    private synchronized void forget(StreamConsumer consumer) {
        if (consumers.remove(consumer)) {
            persist();
            resources.remove(consumer.arn(settings));
        }
    }

    private void persist() {
        List<Stored> stored = new ArrayList<>(consumers.size());
        for (StreamConsumer c : consumers) {
            stored.add(new Stored(c.streamName(), c.streamCreatedMillis(), c.name(), c.createdMillis(), c.status()));
        }
        try {
            storage.writeBlob(BLOB, StoredJson.mapper().writeValueAsBytes(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- lookups

    /** The stream's consumers, oldest first. */
    public synchronized List<StreamConsumer> of(Stream stream) {
        List<StreamConsumer> found = new ArrayList<>();
        for (StreamConsumer consumer : consumers) {
            if (consumer.belongsTo(stream)) {
                found.add(consumer);
            }
        }
        found.sort(Comparator.comparingLong(StreamConsumer::createdMillis).thenComparing(StreamConsumer::name));
        return found;
    }

    public int count(Stream stream) {
        return of(stream).size();
    }

    public synchronized StreamConsumer byName(Stream stream, String name) {
        for (StreamConsumer consumer : of(stream)) {
            if (consumer.name().equals(name)) {
                return consumer;
            }
        }
        throw KinesisException.notFound("Consumer " + name + " under stream " + settings.streamArn(stream.name())
                + " not found.");
    }

    /** Whether the ARN names a registered consumer (for the tag and policy operations). */
    public boolean exists(String arn) {
        try {
            byArn(arn);
            return true;
        } catch (KinesisException e) {
            return false;
        }
    }

    public synchronized StreamConsumer byArn(String arn) {
        ConsumerArn parsed = ConsumerArn.parse(arn);
        Stream stream = parsed == null || !parsed.region().equals(settings.region())
                || !parsed.account().equals(settings.accountId()) ? null : liveStream(parsed.streamName());
        if (stream != null) {
            for (StreamConsumer consumer : of(stream)) {
                if (consumer.name().equals(parsed.consumerName()) && consumer.createdMillis() / 1000 == parsed.createdSeconds()) {
                    return consumer;
                }
            }
        }
        throw KinesisException.notFound("Consumer " + arn + " not found.");
    }

    /** The live stream a consumer belongs to. */
    public Stream streamOf(StreamConsumer consumer) {
        Stream stream = liveStream(consumer.streamName());
        if (stream == null || !consumer.belongsTo(stream)) {
            throw KinesisException.notFound("Stream " + consumer.streamName() + " under account " + settings.accountId()
                    + " not found.");
        }
        return stream;
    }

    // ---------------------------------------------------------------- SubscribeToShard

    /**
     * Opens a subscription of an ACTIVE consumer to a shard at a starting position; fails with
     * ResourceInUseException while another one for the same pair is younger than 5 seconds.
     */
    public Subscription subscribe(String consumerArn, String shardId, ShardIteratorType type, String sequenceNumber,
                                  Long timestampMillis) {
        StreamConsumer consumer = byArn(consumerArn);
        if (consumer.status() != ConsumerStatus.ACTIVE) {
            throw KinesisException.inUse("Consumer " + consumerArn + " is not ACTIVE, instead in state " + consumer.status()
                    + ".");
        }
        Stream stream = streamOf(consumer);
        if (stream.status() != StreamStatus.ACTIVE && stream.status() != StreamStatus.UPDATING) {
            throw KinesisException.inUse("Stream " + stream.name() + " under account " + settings.accountId()
                    + " not ACTIVE, instead in state " + stream.status());
        }
        int index = ShardIds.parse(shardId);
        Shard shard = index < 0 ? null : stream.shard(index);
        if (shard == null) {
            throw KinesisException.notFound("Shard " + shardId + " in stream " + stream.name() + " under account "
                    + settings.accountId() + " does not exist");
        }
        long start = SubscriptionStart.position(stream, shard, type, sequenceNumber, timestampMillis, settings);
        Subscription subscription = new Subscription(consumer, stream, shard, start, System.nanoTime(), timing);
        subscriptions.add(subscription, consumerArn);
        return subscription;
    }
}
