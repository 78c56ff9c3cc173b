package wildrydes.stream;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.storage.AppendResult;
import wildrydes.storage.ReadBatch;
import wildrydes.storage.RecordToAppend;
import wildrydes.storage.ShardLog;
import wildrydes.storage.StorageEngine;
import wildrydes.storage.StorageException;

/**
 * Streams, shards, routing by hash key, iterators and retention, on top of a storage engine.
 * Control-plane calls are serialised by this object's lock; PutRecord and GetRecords take no
 * service-wide lock.
 */
public final class StreamService implements AutoCloseable {
    public static final int DEFAULT_RETENTION_HOURS = 24;
    public static final int MAX_RETENTION_HOURS = 8760;
    public static final int ON_DEMAND_SHARDS = 4;
    public static final int ON_DEMAND_STREAM_LIMIT = 50;
    public static final int MAX_TAGS = 50;
    public static final long ITERATOR_LIFETIME_MILLIS = 300_000;
    public static final int MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(StreamService.class);
    private static final String ITERATOR_KEY_BLOB = "iterator-key";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private final StorageEngine storage;
    private final ServiceSettings settings;
    private final ShardIterators iterators;
    private final StreamMetrics metrics;
    private final Resharder resharder;
    private final DataPlane dataPlane;
    private final StreamConsumers consumers;
    private final ConsumerResources consumerResources;
    private volatile java.util.function.Predicate<String> consumerExists = arn -> false;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wildrydes-control");
        t.setDaemon(true);
        return t;
    });

    public StreamService(StorageEngine storage, ServiceSettings settings) {
        this(storage, settings, StreamMetrics.NONE);
    }

    public StreamService(StorageEngine storage, ServiceSettings settings, StreamMetrics metrics) {
        this.storage = storage;
        this.settings = settings;
        this.metrics = metrics;
        this.resharder = new Resharder(storage, settings);
        this.consumerResources = new ConsumerResources(storage);
        this.iterators = new ShardIterators(iteratorKey(storage));
        this.dataPlane = new DataPlane(streams::get, settings, iterators, metrics);
        recover();
        this.consumers = new StreamConsumers(this, storage);
        applyRetention();
        timers.scheduleWithFixedDelay(this::applyRetentionQuietly, 60, 60, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::scaleOnDemandStreamsQuietly, 1, 1, TimeUnit.SECONDS);
    }

    public ServiceSettings settings() {
        return settings;
    }

    /** The consumers registered for enhanced fan-out, and their subscriptions. */
    public StreamConsumers consumers() {
        return consumers;
    }

    private static byte[] iteratorKey(StorageEngine storage) {
        byte[] key = storage.readBlob(ITERATOR_KEY_BLOB);
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            storage.writeBlob(ITERATOR_KEY_BLOB, key);
        }
        return key;
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

    // ---------------------------------------------------------------- control plane

    public synchronized void createStream(String name, Integer shardCount, StreamMode mode, Map<String, String> tags) {
        if (streams.containsKey(name)) {
            throw KinesisException.inUse("Stream " + name + " under account " + settings.accountId() + " already exists.");
        }
        int count;
        if (mode == StreamMode.ON_DEMAND) {
            if (countOnDemand() >= ON_DEMAND_STREAM_LIMIT) {
                throw KinesisException.limitExceeded("This request would exceed the limit of " + ON_DEMAND_STREAM_LIMIT
                        + " on-demand streams for the account " + settings.accountId() + " in " + settings.region() + ".");
            }
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
            checkTags(name, tags, 0);
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
        afterStateChange(() -> transition(stream, StreamStatus.CREATING, StreamStatus.ACTIVE));
    }

    public synchronized void deleteStream(String name) {
        deleteStream(name, false);
    }

    /** Without {@code enforceConsumerDeletion}, a stream with registered consumers is not deleted. */
    public synchronized void deleteStream(String name, boolean enforceConsumerDeletion) {
        Stream stream = stream(name);
        if (stream.status() == StreamStatus.CREATING || stream.status() == StreamStatus.DELETING) {
            throw notActive(stream);
        }
        consumers.beforeStreamDelete(stream, enforceConsumerDeletion);
        stream.status(StreamStatus.DELETING);
        persist(stream);
        afterStateChange(() -> finishDelete(stream));
    }

    private synchronized void finishDelete(Stream stream) {
        if (streams.get(stream.name()) == stream) {
            streams.remove(stream.name());
            storage.deleteStream(stream.storageKey());
            metrics.streamDeleted(stream.name());
        }
    }

    private synchronized void transition(Stream stream, StreamStatus from, StreamStatus to) {
        if (streams.get(stream.name()) == stream && stream.status() == from) {
            stream.status(to);
            persist(stream);
        }
    }

    private void afterStateChange(Runnable change) {
        if (settings.stateChangeMillis() <= 0) {
            change.run();
        } else {
            timers.schedule(change, settings.stateChangeMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public Stream stream(String name) {
        Stream stream = streams.get(name);
        if (stream == null) {
            throw KinesisException.notFound("Stream " + name + " under account " + settings.accountId() + " not found.");
        }
        return stream;
    }

    /** Every stream, sorted by name. */
    public List<Stream> streams() {
        List<Stream> all = new ArrayList<>(streams.values());
        all.sort(Comparator.comparing(Stream::name));
        return all;
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

    public synchronized void increaseRetention(String name, int hours) {
        Stream stream = activeStream(name);
        if (hours < stream.retentionHours()) {
            throw KinesisException.invalidArgument("Requested retention period (" + hours + " hours) for stream " + name
                    + " can not be shorter than existing retention period (" + stream.retentionHours()
                    + " hours). Use DecreaseRetentionPeriod API.");
        }
        checkRetentionBounds(hours);
        stream.retentionHours(hours);
        persist(stream);
    }

    public synchronized void decreaseRetention(String name, int hours) {
        Stream stream = activeStream(name);
        if (hours > stream.retentionHours()) {
            throw KinesisException.invalidArgument("Requested retention period (" + hours + " hours) for stream " + name
                    + " can not be longer than existing retention period (" + stream.retentionHours()
                    + " hours). Use IncreaseRetentionPeriod API.");
        }
        checkRetentionBounds(hours);
        stream.retentionHours(hours);
        persist(stream);
        applyRetention(stream);
    }

    private static void checkRetentionBounds(int hours) {
        if (hours < DEFAULT_RETENTION_HOURS) {
            throw KinesisException.invalidArgument("Minimum allowed retention period is " + DEFAULT_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_RETENTION_HOURS) {
            throw KinesisException.invalidArgument("Maximum allowed retention period is " + MAX_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
    }

    public synchronized void addTags(String name, Map<String, String> tags) {
        Stream stream = stream(name);
        if (stream.status() == StreamStatus.DELETING) {
            throw notActive(stream);
        }
        Map<String, String> current = stream.mutableTags();
        int added = 0;
        for (String key : tags.keySet()) {
            if (!current.containsKey(key)) {
                added++;
            }
        }
        checkTags(name, tags, current.size() + added - tags.size());
        current.putAll(tags);
        persist(stream);
    }

    private void checkTags(String streamName, Map<String, String> tags, int existingOthers) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!validTagText(tag.getKey()) || (tag.getValue() != null && !validTagText(tag.getValue()))) {
                throw KinesisException.invalidArgument("Some tags contain invalid characters. Valid characters: "
                        + "Unicode letters, digits, white space, _ . / = + - % @.");
            }
            if (tag.getKey().startsWith("aws:")) {
                throw KinesisException.invalidArgument("Some tags start with 'aws:', which is reserved for AWS use.");
            }
        }
        if (existingOthers + tags.size() > MAX_TAGS) {
            throw KinesisException.limitExceeded("Failed to add tags to stream " + streamName + " under account "
                    + settings.accountId() + " because a given stream cannot have more than " + MAX_TAGS + " tags.");
        }
    }

    private static boolean validTagText(String text) {
        return text.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || Character.isSpaceChar(c)
                || "_./=+-%@:".indexOf(c) >= 0);
    }

    public synchronized void removeTags(String name, List<String> keys) {
        Stream stream = stream(name);
        if (stream.status() == StreamStatus.DELETING) {
            throw notActive(stream);
        }
        for (String key : keys) {
            if (!validTagText(key)) {
                throw KinesisException.invalidArgument("Some tags contain invalid characters. Valid characters: "
                        + "Unicode letters, digits, white space, _ . / = + - % @.");
            }
        }
        keys.forEach(stream.mutableTags()::remove);
        persist(stream);
    }

    // ---------------------------------------------------------------- resharding

    public synchronized void splitShard(String name, String shardId, String newStartingHashKey) {
        Stream stream = stream(name);
        Shard parent = openShardForReshard(stream, shardId);
        HashKey key = HashKey.parse(newStartingHashKey);
        HashKeyRange range = parent.hashKeyRange();
        if (key == null || key.toBigInteger().compareTo(range.start().toBigInteger().add(java.math.BigInteger.ONE)) <= 0
                || key.compareTo(range.end()) >= 0) {
            throw KinesisException.invalidArgument("NewStartingHashKey " + newStartingHashKey + " used in SplitShard() on shard "
                    + parent.id() + " in stream " + name + " under account " + settings.accountId()
                    + " is not both greater than one plus the shard's StartingHashKey " + range.start()
                    + " and less than the shard's EndingHashKey " + range.end() + ".");
        }
        requireProvisionedAndActive(stream);
        checkShardLimit(1);
        beginUpdate(stream, () -> resharder.split(stream, parent, key));
    }

    public synchronized void mergeShards(String name, String shardId, String adjacentShardId) {
        Stream stream = stream(name);
        Shard shard = openShardForReshard(stream, shardId);
        Shard adjacent = openShardForReshard(stream, adjacentShardId);
        java.math.BigInteger one = java.math.BigInteger.ONE;
        boolean adjacentPair = shard != adjacent
                && (shard.hashKeyRange().end().toBigInteger().add(one).equals(adjacent.hashKeyRange().start().toBigInteger())
                || adjacent.hashKeyRange().end().toBigInteger().add(one).equals(shard.hashKeyRange().start().toBigInteger()));
        if (!adjacentPair) {
            throw KinesisException.invalidArgument("Shards " + shard.id() + " and " + adjacent.id() + " in stream " + name
                    + " under account " + settings.accountId() + " are not an adjacent pair of shards eligible for merging");
        }
        requireProvisionedAndActive(stream);
        beginUpdate(stream, () -> resharder.merge(stream, shard, adjacent));
    }

    /** UpdateShardCount with UNIFORM_SCALING; returns the open shard count before the change. */
    public synchronized int updateShardCount(String name, int target) {
        Stream stream = stream(name);
        requireProvisionedAndActive(stream);
        int open = stream.openShardCount();
        if (target > open * 2) {
            throw KinesisException.limitExceeded("UpdateShardCount cannot scale up over double your current open shard count. "
                    + "Current open shard count: " + open + ", Target shard count: " + target);
        }
        if (target * 2 < open) {
            throw KinesisException.limitExceeded("UpdateShardCount cannot scale down below half your current open shard count. "
                    + "Current open shard count: " + open + ", Target shard count: " + target);
        }
        if (openShardCount() - open + target > settings.shardLimit()) {
            throw KinesisException.limitExceeded("Target shard count or number of open shards cannot be greater than "
                    + settings.shardLimit() + ". Current open shard count: " + open + ", Target shard count: " + target);
        }
        beginUpdate(stream, () -> {
            if (target != stream.openShardCount()) {
                resharder.uniform(stream, target);
            }
        });
        return open;
    }

    private Shard openShardForReshard(Stream stream, String shardId) {
        int index = ShardIds.parse(shardId);
        Shard shard = index < 0 ? null : stream.shard(index);
        if (shard == null) {
            throw KinesisException.notFound("Could not find shard " + shardId + " in stream " + stream.name()
                    + " under account " + settings.accountId() + ".");
        }
        if (!shard.isOpen()) {
            throw KinesisException.inUse("Shard " + shard.id() + " in stream " + stream.name() + " under account "
                    + settings.accountId() + " has already been merged or split, and thus is not eligible for merging or splitting.");
        }
        return shard;
    }

    private void requireProvisionedAndActive(Stream stream) {
        if (stream.status() != StreamStatus.ACTIVE) {
            throw notActive(stream);
        }
        if (stream.mode() != StreamMode.PROVISIONED) {
            throw new KinesisException(ErrorCode.ValidationException, "Resharding operations are not supported for streams in "
                    + "ON_DEMAND mode: stream " + stream.name() + " under account " + settings.accountId()
                    + ". Switch it to PROVISIONED with UpdateStreamMode first.");
        }
    }

    private void checkShardLimit(int additional) {
        int open = openShardCount();
        if (open + additional > settings.shardLimit()) {
            throw KinesisException.limitExceeded("This request would exceed the shard limit for the account "
                    + settings.accountId() + " in " + settings.region() + ". Current shard count for the account: " + open
                    + ". Limit: " + settings.shardLimit() + ". Number of additional shards that would have resulted from this "
                    + "request: " + additional + ".");
        }
    }

    /** The stream goes UPDATING; after the state-change delay the change is made and it is ACTIVE again. */
    private void beginUpdate(Stream stream, Runnable change) {
        stream.status(StreamStatus.UPDATING);
        persist(stream);
        afterStateChange(() -> finishUpdate(stream, change));
    }

    private synchronized void finishUpdate(Stream stream, Runnable change) {
        if (streams.get(stream.name()) != stream || stream.status() != StreamStatus.UPDATING) {
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

    // ---------------------------------------------------------------- on-demand scaling

    /** A shard over 80 % of its write limit for 3 seconds in a row is split in two, as on-demand capacity grows on AWS. */
    static final double ON_DEMAND_SPLIT_LOAD = 0.8;
    static final int ON_DEMAND_SPLIT_AFTER_SECONDS = 3;

    private void scaleOnDemandStreamsQuietly() {
        try {
            scaleOnDemandStreams();
        } catch (RuntimeException e) {
            log.error("On-demand scaling pass failed; it runs again in a second", e);
        }
    }

    synchronized void scaleOnDemandStreams() {
        long now = settings.clock().millis();
        for (Stream stream : streams.values()) {
            if (stream.mode() != StreamMode.ON_DEMAND || stream.status() != StreamStatus.ACTIVE) {
                continue;
            }
            for (Shard shard : stream.shards()) {
                if (!shard.isOpen()) {
                    continue;
                }
                boolean busy = shard.throughput().lastSecondWriteLoad(now) >= ON_DEMAND_SPLIT_LOAD;
                if (shard.busySeconds(busy) >= ON_DEMAND_SPLIT_AFTER_SECONDS && openShardCount() < settings.shardLimit()) {
                    shard.busySeconds(false);
                    java.math.BigInteger start = shard.hashKeyRange().start().toBigInteger();
                    java.math.BigInteger middle = start.add(shard.hashKeyRange().end().toBigInteger()).add(java.math.BigInteger.ONE).shiftRight(1);
                    log.info("On-demand stream {}: splitting busy shard {}", stream.name(), shard.id());
                    beginUpdate(stream, () -> resharder.split(stream, shard, HashKey.of(middle)));
                    break; // one reshard at a time per stream
                }
            }
        }
    }

    // ---------------------------------------------------------------- stream settings

    public synchronized void updateStreamMode(String name, StreamMode mode) {
        Stream stream = stream(name);
        if (stream.status() != StreamStatus.ACTIVE) {
            throw notActive(stream);
        }
        if (stream.mode() == mode) {
            throw KinesisException.invalidArgument("Stream " + name + " under account " + settings.accountId()
                    + " is already in " + mode + " mode.");
        }
        if (mode == StreamMode.ON_DEMAND && countOnDemand() >= ON_DEMAND_STREAM_LIMIT) {
            throw KinesisException.limitExceeded("This request would exceed the limit of " + ON_DEMAND_STREAM_LIMIT
                    + " on-demand streams for the account " + settings.accountId() + " in " + settings.region() + ".");
        }
        beginUpdate(stream, () -> stream.mode(mode));
    }

    public synchronized void updateSettings(String name, java.util.function.UnaryOperator<StreamSettings> change, boolean viaUpdating) {
        Stream stream = stream(name);
        if (stream.status() != StreamStatus.ACTIVE) {
            throw notActive(stream);
        }
        if (viaUpdating) {
            beginUpdate(stream, () -> stream.settings(change.apply(stream.settings())));
        } else {
            stream.settings(change.apply(stream.settings()));
            persist(stream);
        }
    }

    // ---------------------------------------------------------------- resources by ARN (tags, policies)

    /** Tags of a stream, or of one of its consumers when {@code consumerArn} is given. */
    public Map<String, String> resourceTags(String streamName, String consumerArn) {
        Stream stream = stream(streamName);
        return consumerArn == null ? stream.tags() : consumerResources.tags(requireConsumer(consumerArn));
    }

    public synchronized void addResourceTags(String streamName, String consumerArn, Map<String, String> tags) {
        if (consumerArn == null) {
            addTags(streamName, tags);
            return;
        }
        stream(streamName);
        String arn = requireConsumer(consumerArn);
        Map<String, String> current = consumerResources.tags(arn);
        int added = 0;
        for (String key : tags.keySet()) {
            added += current.containsKey(key) ? 0 : 1;
        }
        checkTags(arn, tags, current.size() + added - tags.size());
        consumerResources.putTags(arn, tags);
    }

    public synchronized void removeResourceTags(String streamName, String consumerArn, List<String> keys) {
        if (consumerArn == null) {
            removeTags(streamName, keys);
            return;
        }
        stream(streamName);
        consumerResources.removeTags(requireConsumer(consumerArn), keys);
    }

    public String resourcePolicy(String streamName, String consumerArn) {
        Stream stream = stream(streamName);
        return consumerArn == null ? stream.settings().resourcePolicy() : consumerResources.policy(requireConsumer(consumerArn));
    }

    public synchronized void putResourcePolicy(String streamName, String consumerArn, String policy) {
        if (consumerArn == null) {
            Stream stream = stream(streamName);
            stream.settings(stream.settings().withResourcePolicy(policy));
            persist(stream);
            return;
        }
        stream(streamName);
        consumerResources.putPolicy(requireConsumer(consumerArn), policy);
    }

    private String requireConsumer(String consumerArn) {
        if (!consumerExists.test(consumerArn)) {
            throw KinesisException.notFound("Consumer " + consumerArn + " under account " + settings.accountId() + " not found.");
        }
        return consumerArn;
    }

    /** A deregistered consumer's tags and policy go with it. */
    void forgetConsumerResources(String consumerArn) {
        consumerResources.remove(consumerArn);
    }

    /** Tells whether a consumer ARN names a registered consumer; set by the fan-out layer. */
    public void consumerLookup(java.util.function.Predicate<String> exists) {
        this.consumerExists = exists;
    }

    // ---------------------------------------------------------------- account settings

    /** The account's minimum throughput billing commitment. */
    public record BillingCommitment(String status, long startedAtMillis, long endedAtMillis, long earliestAllowedEndAtMillis) {
        static final BillingCommitment DISABLED = new BillingCommitment("DISABLED", 0, 0, 0);
    }

    public synchronized BillingCommitment billingCommitment() {
        BillingCommitment current = AccountBlob.read(storage);
        if (current.status().equals("ENABLED_UNTIL_EARLIEST_ALLOWED_END")
                && settings.clock().millis() >= current.earliestAllowedEndAtMillis()) {
            return new BillingCommitment("DISABLED", current.startedAtMillis(), current.endedAtMillis(), current.earliestAllowedEndAtMillis());
        }
        return current;
    }

    /** Enabling starts a commitment of at least a day; disabling before then lets it run to its earliest end. */
    public synchronized BillingCommitment updateBillingCommitment(boolean enable) {
        BillingCommitment current = billingCommitment();
        long now = settings.clock().millis();
        BillingCommitment next;
        if (enable) {
            next = current.status().equals("DISABLED") ? new BillingCommitment("ENABLED", now, 0, now + 86_400_000L)
                    : new BillingCommitment("ENABLED", current.startedAtMillis(), 0, current.earliestAllowedEndAtMillis());
        } else if (current.status().equals("DISABLED")) {
            next = current;
        } else if (now < current.earliestAllowedEndAtMillis()) {
            next = new BillingCommitment("ENABLED_UNTIL_EARLIEST_ALLOWED_END", current.startedAtMillis(),
                    current.earliestAllowedEndAtMillis(), current.earliestAllowedEndAtMillis());
        } else {
            next = new BillingCommitment("DISABLED", current.startedAtMillis(), now, current.earliestAllowedEndAtMillis());
        }
        AccountBlob.write(storage, next);
        return next;
    }

    private Stream activeStream(String name) {
        Stream stream = stream(name);
        if (stream.status() != StreamStatus.ACTIVE) {
            throw notActive(stream);
        }
        return stream;
    }

    private KinesisException notActive(Stream stream) {
        return KinesisException.inUse("Stream " + stream.name() + " under account " + settings.accountId()
                + " not ACTIVE, instead in state " + stream.status());
    }

    private void persist(Stream stream) {
        storage.writeMetadata(stream.storageKey(), StreamMetadata.of(stream).toBytes());
    }

    // ---------------------------------------------------------------- data plane (see DataPlane)

    public CompletableFuture<PutResult> putRecord(String streamName, PutEntry entry, String sequenceNumberForOrdering) {
        return dataPlane.putRecord(streamName, entry, sequenceNumberForOrdering);
    }

    /** Writes a batch: one append per shard, results in request order. */
    public CompletableFuture<List<PutEntryResult>> putRecords(String streamName, List<PutEntry> entries) {
        return dataPlane.putRecords(streamName, entries);
    }

    public String getShardIterator(String streamName, String shardId, ShardIteratorType type,
                                   String startingSequenceNumber, Long timestampMillis) {
        return dataPlane.getShardIterator(streamName, shardId, type, startingSequenceNumber, timestampMillis);
    }

    public RecordsPage getRecords(String shardIterator, int limit) {
        return dataPlane.getRecords(shardIterator, limit);
    }

    /** Shards made from this one by a split or a merge. */
    public List<Shard> children(Stream stream, Shard parent) {
        return Lineage.children(stream, parent);
    }

    // ---------------------------------------------------------------- retention

    private void applyRetentionQuietly() {
        try {
            applyRetention();
        } catch (RuntimeException e) {
            log.error("Retention pass failed; it will run again in a minute", e);
        }
    }

    /** Drops records older than each stream's retention period. */
    public void applyRetention() {
        for (Stream stream : streams.values()) {
            applyRetention(stream);
        }
    }

    private void applyRetention(Stream stream) {
        long cutoff = settings.clock().millis() - stream.retentionHours() * 3_600_000L;
        List<Shard> expired = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            try {
                long dropped = shard.log().trimBefore(cutoff);
                if (dropped > 0) {
                    log.debug("Retention dropped {} record(s) from {} {}", dropped, stream.name(), shard.id());
                }
            } catch (StorageException e) {
                log.error("Retention of {} {} failed", stream.name(), shard.id(), e);
            }
            boolean empty = shard.log().firstSequence() >= shard.closedEnd();
            if (!shard.isOpen() && shard.closedMillis() < cutoff && empty) {
                expired.add(shard);
            }
        }
        if (!expired.isEmpty()) {
            removeExpiredShards(stream, expired);
        }
    }

    /** A closed shard whose records have all expired leaves the stream, as on AWS. */
    private synchronized void removeExpiredShards(Stream stream, List<Shard> expired) {
        if (streams.get(stream.name()) != stream) {
            return;
        }
        for (Shard shard : expired) {
            stream.removeShard(shard);
            log.info("Retention removed closed shard {} of stream {}", shard.id(), stream.name());
        }
        persist(stream);
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

    public Collection<Stream> liveStreams() {
        return streams.values();
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
