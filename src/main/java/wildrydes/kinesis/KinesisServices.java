package wildrydes.kinesis;

import java.util.Map;
import wildrydes.fanout.ConsumerResources;
import wildrydes.fanout.StreamConsumers;
import wildrydes.storage.StorageEngine;
import wildrydes.stream.BillingCommitments;
import wildrydes.stream.ControlTimers;
import wildrydes.stream.DataPlane;
import wildrydes.stream.Resharding;
import wildrydes.stream.Retention;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.ShardIterators;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamMetrics;
import wildrydes.stream.StreamMode;
import wildrydes.stream.StreamRegistry;
import wildrydes.stream.StreamSettingsUpdates;
import wildrydes.stream.StreamTags;

/**
 * The Kinesis Data Streams service, its rooms wired in dependency order on one storage engine:
 * the stream registry first (it recovers the stored streams), the rooms that work on its
 * streams, then enhanced fan-out, which recovers its consumers against the registry. Owns the
 * control thread: the retention pass runs at once and every minute, the on-demand scaler every
 * second. The API actions are wired to these rooms by {@code api.ActionRegistry}.
 */
public final class KinesisServices implements AutoCloseable {
    private final ControlTimers timers;
    private final StreamRegistry streams;
    private final DataPlane dataPlane;
    private final Resharding resharding;
    private final Retention retention;
    private final StreamTags tags;
    private final StreamSettingsUpdates settingsUpdates;
    private final BillingCommitments billing;
    private final StreamConsumers consumers;
    private final ConsumerResources consumerResources;

    private KinesisServices(StorageEngine storage, ServiceSettings settings, StreamMetrics metrics) {
        timers = new ControlTimers(settings.stateChangeMillis());
        streams = StreamRegistry.open(storage, settings, metrics, timers);
        dataPlane = new DataPlane(streams, ShardIterators.withStoredKey(storage), metrics);
        resharding = new Resharding(streams);
        retention = new Retention(streams);
        tags = new StreamTags(streams);
        settingsUpdates = new StreamSettingsUpdates(streams);
        billing = new BillingCommitments(storage, settings);
        consumers = new StreamConsumers(streams, storage, timers);
        consumerResources = new ConsumerResources(streams, consumers);
        retention.applyRetention();
        timers.every(60, retention::applyRetention, "Retention pass failed; it will run again in a minute");
        timers.every(1, resharding::scaleOnDemandStreams, "On-demand scaling pass failed; it runs again in a second");
    }

    /** The services of the streams kept in {@code storage}, recovered and running. */
    public static KinesisServices open(StorageEngine storage, ServiceSettings settings, StreamMetrics metrics) {
        return new KinesisServices(storage, settings, metrics);
    }

    public static KinesisServices open(StorageEngine storage, ServiceSettings settings) {
        return open(storage, settings, StreamMetrics.NONE);
    }

    public ServiceSettings settings() {
        return streams.settings();
    }

    public StreamRegistry registry() {
        return streams;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    public Resharding resharding() {
        return resharding;
    }

    public Retention retention() {
        return retention;
    }

    public StreamTags tags() {
        return tags;
    }

    public StreamSettingsUpdates settingsUpdates() {
        return settingsUpdates;
    }

    public BillingCommitments billing() {
        return billing;
    }

    public StreamConsumers consumers() {
        return consumers;
    }

    public ConsumerResources consumerResources() {
        return consumerResources;
    }

    /** The stream of this name, in any state (the registry's lookup, for tests and tools). */
    public Stream stream(String name) {
        return streams.stream(name);
    }

    /** Creates a stream as CreateStream does (for tests and tools). */
    public void createStream(String name, Integer shardCount, StreamMode mode, Map<String, String> tags) {
        streams.createStream(name, shardCount, mode, tags);
    }

    @Override
    public void close() {
        timers.close();
    }
}
