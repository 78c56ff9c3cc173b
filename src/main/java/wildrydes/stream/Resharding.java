package wildrydes.stream;

import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * How many shards a stream has: SplitShard, MergeShards, UpdateShardCount, the capacity mode
 * (UpdateStreamMode), and the scaler that splits busy shards of on-demand streams. Each checks
 * the request at once and leaves the stream UPDATING; {@link Resharder} makes the change when
 * the state-change delay is over.
 */
public final class Resharding {
    /** A shard over 80 % of its write limit for 3 seconds in a row is split in two, as on-demand capacity grows on AWS. */
    static final double ON_DEMAND_SPLIT_LOAD = 0.8;
    static final int ON_DEMAND_SPLIT_AFTER_SECONDS = 3;

    private static final Logger log = LoggerFactory.getLogger(Resharding.class);

    private final StreamRegistry streams;
    private final ServiceSettings settings;
    private final Resharder resharder;

    public Resharding(StreamRegistry streams) {
        this.streams = streams;
        this.settings = streams.settings();
        this.resharder = new Resharder(streams.storage(), settings);
    }

    public void splitShard(String name, String shardId, String newStartingHashKey) {
        synchronized (streams) {
            Stream stream = streams.stream(name);
            Shard parent = openShardForReshard(stream, shardId);
            HashKey key = HashKey.parse(newStartingHashKey);
            HashKeyRange range = parent.hashKeyRange();
            if (key == null || key.toBigInteger().compareTo(range.start().toBigInteger().add(BigInteger.ONE)) <= 0
                    || key.compareTo(range.end()) >= 0) {
                throw KinesisException.invalidArgument("NewStartingHashKey " + newStartingHashKey + " used in SplitShard() on shard "
                        + parent.id() + " in stream " + name + " under account " + settings.accountId()
                        + " is not both greater than one plus the shard's StartingHashKey " + range.start()
                        + " and less than the shard's EndingHashKey " + range.end() + ".");
            }
            requireProvisionedAndActive(stream);
            checkShardLimit(1);
            streams.beginUpdate(stream, () -> resharder.split(stream, parent, key));
        }
    }

    public void mergeShards(String name, String shardId, String adjacentShardId) {
        synchronized (streams) {
            Stream stream = streams.stream(name);
            Shard shard = openShardForReshard(stream, shardId);
            Shard adjacent = openShardForReshard(stream, adjacentShardId);
            BigInteger one = BigInteger.ONE;
            boolean adjacentPair = shard != adjacent
                    && (shard.hashKeyRange().end().toBigInteger().add(one).equals(adjacent.hashKeyRange().start().toBigInteger())
                    || adjacent.hashKeyRange().end().toBigInteger().add(one).equals(shard.hashKeyRange().start().toBigInteger()));
            if (!adjacentPair) {
                throw KinesisException.invalidArgument("Shards " + shard.id() + " and " + adjacent.id() + " in stream " + name
                        + " under account " + settings.accountId() + " are not an adjacent pair of shards eligible for merging");
            }
            requireProvisionedAndActive(stream);
            streams.beginUpdate(stream, () -> resharder.merge(stream, shard, adjacent));
        }
    }

    /** UpdateShardCount with UNIFORM_SCALING; returns the open shard count before the change. */
    public int updateShardCount(String name, int target) {
        synchronized (streams) {
            Stream stream = streams.stream(name);
            requireProvisionedAndActive(stream);
            int open = stream.openShardCount();
            if (target > open * 2) {
                throw KinesisException.limitExceeded("UpdateShardCount cannot scale up over double your current open shard "
                        + "count. Current open shard count: " + open + ", Target shard count: " + target);
            }
            if (target * 2 < open) {
                throw KinesisException.limitExceeded("UpdateShardCount cannot scale down below half your current open shard "
                        + "count. Current open shard count: " + open + ", Target shard count: " + target);
            }
            if (streams.openShardCount() - open + target > settings.shardLimit()) {
                throw KinesisException.limitExceeded("Target shard count or number of open shards cannot be greater than "
                        + settings.shardLimit() + ". Current open shard count: " + open + ", Target shard count: " + target);
            }
            streams.beginUpdate(stream, () -> {
                if (target != stream.openShardCount()) {
                    resharder.uniform(stream, target);
                }
            });
            return open;
        }
    }

    public void updateStreamMode(String name, StreamMode mode) {
        synchronized (streams) {
            Stream stream = streams.stream(name);
            if (stream.status() != StreamStatus.ACTIVE) {
                throw streams.notActive(stream);
            }
            if (stream.mode() == mode) {
                throw KinesisException.invalidArgument("Stream " + name + " under account " + settings.accountId()
                        + " is already in " + mode + " mode.");
            }
            if (mode == StreamMode.ON_DEMAND) {
                streams.checkOnDemandStreamLimit();
            }
            streams.beginUpdate(stream, () -> stream.mode(mode));
        }
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
            throw streams.notActive(stream);
        }
        if (stream.mode() != StreamMode.PROVISIONED) {
            throw new KinesisException(ErrorCode.ValidationException, "Resharding operations are not supported for streams in "
                    + "ON_DEMAND mode: stream " + stream.name() + " under account " + settings.accountId()
                    + ". Switch it to PROVISIONED with UpdateStreamMode first.");
        }
    }

    private void checkShardLimit(int additional) {
        int open = streams.openShardCount();
        if (open + additional > settings.shardLimit()) {
            throw KinesisException.limitExceeded("This request would exceed the shard limit for the account "
                    + settings.accountId() + " in " + settings.region() + ". Current shard count for the account: " + open
                    + ". Limit: " + settings.shardLimit() + ". Number of additional shards that would have resulted from this "
                    + "request: " + additional + ".");
        }
    }

    /** One pass of the on-demand scaler (every second): splits each shard that has been busy for long enough. */
    public void scaleOnDemandStreams() {
        synchronized (streams) {
            long now = settings.clock().millis();
            for (Stream stream : streams.liveStreams()) {
                if (stream.mode() != StreamMode.ON_DEMAND || stream.status() != StreamStatus.ACTIVE) {
                    continue;
                }
                for (Shard shard : stream.shards()) {
                    if (!shard.isOpen()) {
                        continue;
                    }
                    boolean busy = shard.throughput().lastSecondWriteLoad(now) >= ON_DEMAND_SPLIT_LOAD;
                    if (shard.busySeconds(busy) >= ON_DEMAND_SPLIT_AFTER_SECONDS && streams.openShardCount() < settings.shardLimit()) {
                        shard.busySeconds(false);
                        BigInteger start = shard.hashKeyRange().start().toBigInteger();
                        BigInteger middle = start.add(shard.hashKeyRange().end().toBigInteger()).add(BigInteger.ONE).shiftRight(1);
                        log.info("On-demand stream {}: splitting busy shard {}", stream.name(), shard.id());
                        streams.beginUpdate(stream, () -> resharder.split(stream, shard, HashKey.of(middle)));
                        break; // one reshard at a time per stream
                    }
                }
            }
        }
    }
}
