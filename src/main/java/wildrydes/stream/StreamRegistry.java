package wildrydes.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.errors.KinesisException;
import wildrydes.storage.StorageEngine;

/**
 * The account's streams and their life cycle: a new stream is CREATING, then ACTIVE once the
 * state-change delay is over; a changed one is UPDATING meanwhile; a deleted one DELETING, then
 * gone. A stream's metadata is rewritten on every change and read back by {@link #open}, where a
 * stream caught mid-transition finishes it.
 *
 * <p>Control-plane changes, here and in the rooms built on the registry (resharding, retention,
 * tags, settings), hold this object's monitor, so they never interleave and never write the
 * metadata of a stream that is gone. Lookups and the data path take no lock.
 */
public final class StreamRegistry {
    public static final int DEFAULT_RETENTION_HOURS = 24;
    public static final int ON_DEMAND_SHARDS = 4;
    public static final int ON_DEMAND_STREAM_LIMIT = 50;

    private static final Logger log = LoggerFactory.getLogger(StreamRegistry.class);

    private final StorageEngine storage;
    private final ServiceSettings settings;
    private final StreamMetrics metrics;
    private final ControlTimers timers;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    private StreamRegistry(StorageEngine storage, ServiceSettings settings, StreamMetrics metrics, ControlTimers timers) {
        this.storage = storage;
        this.settings = settings;
        this.metrics = metrics;
        this.timers = timers;
    }

    /** The registry of the streams stored in {@code storage}, recovered. */
    public static StreamRegistry open(StorageEngine storage, ServiceSettings settings, StreamMetrics metrics,
                                      ControlTimers timers) {
        StreamRegistry registry = new StreamRegistry(storage, settings, metrics, timers);
        registry.recover();
        return registry;
    }

    public ServiceSettings settings() {
        return settings;
    }

    StorageEngine storage() {
        return storage;
    }

    /** Loads stored streams; a stream caught mid-transition finishes it now. */
    private void recover() {
        for (Map.Entry<String, byte[]> entry : storage.readAllMetadata().entrySet()) {
            StreamMetadata meta = StreamMetadata.fromBytes(entry.getValue());
            Stream stream = new Stream(meta.name(), meta.createdMillis(), meta.status(), meta.mode(), meta.retentionHours());
            if (!stream.storageKey().equals(entry.getKey())) {
                log.warn("Ignoring stream metadata under {}: it names stream {}", entry.getKey(), stream.storageKey());
                continue;
            }
            if (meta.status() == StreamStatus.DELETING) {
                storage.deleteStream(entry.getKey());
                continue;
            }
            stream.mutableTags().putAll(meta.tags());
            stream.raiseNextShardIndex(meta.nextShardIndex());
            if (meta.settings() != null) {
                stream.settings(meta.settings().normalised());
            }
            for (StreamMetadata.ShardMetadata s : meta.shards()) {
                Shard shard = new Shard(s.index(), StreamMetadata.range(s), s.parentShardId(), s.adjacentParentShardId(),
                        s.createdMillis(), storage.shardLog(stream.storageKey(), s.index()));
                if (s.closedEnd() >= 0) {
                    shard.close(s.closedEnd(), s.closedMillis());
                }
                stream.addShard(shard);
            }
            if (stream.status() != StreamStatus.ACTIVE) {
                stream.status(StreamStatus.ACTIVE);
                persist(stream);
            }
            streams.put(stream.name(), stream);
        }
        if (!streams.isEmpty()) {
            log.info("Recovered {} stream(s): {}", streams.size(), String.join(", ", streams.keySet()));
        }
    }

    // ---------------------------------------------------------------- create and delete

    public synchronized void createStream(String name, Integer shardCount, StreamMode mode, Map<String, String> tags) {
        if (streams.containsKey(name)) {
            throw KinesisException.inUse("Stream " + name + " under account " + settings.accountId() + " already exists.");
        }
        int count;
        if (mode == StreamMode.ON_DEMAND) {
            checkOnDemandStreamLimit();
            count = shardCount == null ? ON_DEMAND_SHARDS : shardCount;
        } else {
            if (shardCount == null) {
                throw KinesisException.invalidArgument("ShardCount is required for streams in PROVISIONED mode.");
            }
            count = shardCount;
        }
        int open = openShardCount();
        if (open + count > settings.shardLimit()) {
            throw KinesisException.limitExceeded("This request would exceed the shard limit for the account "
                    + settings.accountId() + " in " + settings.region() + ". Current limit of shards is "
                    + settings.shardLimit() + ". Current shard count for the account is " + open
                    + ". Requested shard count is " + count + ".");
        }
        if (tags != null) {
            TagRules.check(name, tags, 0, settings.accountId());
        }
        long now = settings.clock().millis();
        Stream stream = new Stream(name, now, StreamStatus.CREATING, mode, DEFAULT_RETENTION_HOURS);
        if (tags != null) {
            stream.mutableTags().putAll(tags);
        }
        List<HashKeyRange> ranges = HashKeyRange.split(count);
        for (int i = 0; i < count; i++) {
            stream.addShard(new Shard(i, ranges.get(i), null, null, now, storage.shardLog(stream.storageKey(), i)));
        }
        persist(stream);
        streams.put(name, stream);
        timers.afterStateChange(() -> transition(stream, StreamStatus.CREATING, StreamStatus.ACTIVE));
    }

    /** Refuses when one more on-demand stream would go over the account's limit. */
    synchronized void checkOnDemandStreamLimit() {
        if (countOnDemand() >= ON_DEMAND_STREAM_LIMIT) {
            throw KinesisException.limitExceeded("This request would exceed the limit of " + ON_DEMAND_STREAM_LIMIT
                    + " on-demand streams for the account " + settings.accountId() + " in " + settings.region() + ".");
        }
    }

    public synchronized void deleteStream(String name) {
        deleteStream(name, stream -> { });
    }

    /**
     * Deletes a stream: DELETING at once, gone after the state-change delay. {@code beforeDeleting}
     * runs first, under the registry's lock, on a stream that may be deleted; it may refuse by
     * throwing (DeleteStream uses it to refuse a stream with registered consumers, or to take them along).
     */
    public synchronized void deleteStream(String name, Consumer<Stream> beforeDeleting) {
        Stream stream = stream(name);
        if (stream.status() == StreamStatus.CREATING || stream.status() == StreamStatus.DELETING) {
            throw notActive(stream);
        }
        beforeDeleting.accept(stream);
        stream.status(StreamStatus.DELETING);
        persist(stream);
        timers.afterStateChange(() -> finishDelete(stream));
    }

    private synchronized void finishDelete(Stream stream) {
        if (streams.get(stream.name()) == stream) {
            streams.remove(stream.name());
            storage.deleteStream(stream.storageKey());
            metrics.streamDeleted(stream.name());
        }
    }

    private synchronized void transition(Stream stream, StreamStatus from, StreamStatus to) {
        if (isLive(stream) && stream.status() == from) {
            stream.status(to);
            persist(stream);
        }
    }

    /** The stream goes UPDATING; after the state-change delay the change is made and it is ACTIVE again. */
    synchronized void beginUpdate(Stream stream, Runnable change) {
        stream.status(StreamStatus.UPDATING);
        persist(stream);
        timers.afterStateChange(() -> finishUpdate(stream, change));
    }

    private synchronized void finishUpdate(Stream stream, Runnable change) {
        if (!isLive(stream) || stream.status() != StreamStatus.UPDATING) {
            return;
        }
        try {
            change.run();
        } catch (RuntimeException e) {
            log.error("Update of stream {} failed; it goes back to ACTIVE unchanged where possible", stream.name(), e);
        }
        stream.status(StreamStatus.ACTIVE);
        persist(stream);
    }

    /** Rewrites the stream's metadata; callers hold the registry's lock. */
    void persist(Stream stream) {
        storage.writeMetadata(stream.storageKey(), StreamMetadata.of(stream).toBytes());
    }

    /** Whether this very stream (not one deleted and created again under its name) is registered. */
    boolean isLive(Stream stream) {
        return streams.get(stream.name()) == stream;
    }

    // ---------------------------------------------------------------- lookups

    /** The stream of this name, in any state. */
    public Stream stream(String name) {
        Stream stream = streams.get(name);
        if (stream == null) {
            throw KinesisException.notFound("Stream " + name + " under account " + settings.accountId() + " not found.");
        }
        return stream;
    }

    /** The stream of this name, or null. */
    public Stream find(String name) {
        return streams.get(name);
    }

    /** The stream of this name, which must be ACTIVE. */
    Stream activeStream(String name) {
        Stream stream = stream(name);
        if (stream.status() != StreamStatus.ACTIVE) {
            throw notActive(stream);
        }
        return stream;
    }

    KinesisException notActive(Stream stream) {
        return KinesisException.inUse("Stream " + stream.name() + " under account " + settings.accountId()
                + " not ACTIVE, instead in state " + stream.status());
    }

    /** Every stream, sorted by name. */
    public List<Stream> streams() {
        List<Stream> all = new ArrayList<>(streams.values());
        all.sort(Comparator.comparing(Stream::name));
        return all;
    }

    /** Every stream, unsorted: a live view for the periodic passes. */
    Iterable<Stream> liveStreams() {
        return streams.values();
    }

    public synchronized int openShardCount() {
        int open = 0;
        for (Stream stream : streams.values()) {
            open += stream.openShardCount();
        }
        return open;
    }

    public synchronized int countOnDemand() {
        int count = 0;
        for (Stream stream : streams.values()) {
            if (stream.mode() == StreamMode.ON_DEMAND) {
                count++;
            }
        }
        return count;
    }

    /** Stream counts for DescribeLimits. */
    public Map<String, Integer> limits() {
        Map<String, Integer> limits = new HashMap<>();
        limits.put("ShardLimit", settings.shardLimit());
        limits.put("OpenShardCount", openShardCount());
        limits.put("OnDemandStreamCount", countOnDemand());
        limits.put("OnDemandStreamCountLimit", ON_DEMAND_STREAM_LIMIT);
        return limits;
    }
}
