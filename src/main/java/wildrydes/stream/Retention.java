package wildrydes.stream;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.errors.KinesisException;
import wildrydes.storage.StorageException;

/**
 * How long records are kept: IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod,
 * and the pass (every minute, and at once when a period shrinks) that drops records older than
 * their stream's period and removes closed shards left empty by it.
 */
public final class Retention {
    public static final int MAX_RETENTION_HOURS = 8760;

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final StreamRegistry streams;

    public Retention(StreamRegistry streams) {
        this.streams = streams;
    }

    public void increaseRetention(String name, int hours) {
        synchronized (streams) {
            Stream stream = streams.activeStream(name);
            if (hours < stream.retentionHours()) {
                throw KinesisException.invalidArgument("Requested retention period (" + hours + " hours) for stream " + name
                        + " can not be shorter than existing retention period (" + stream.retentionHours()
                        + " hours). Use DecreaseRetentionPeriod API.");
            }
            checkBounds(hours);
            stream.retentionHours(hours);
            streams.persist(stream);
        }
    }

    public void decreaseRetention(String name, int hours) {
        synchronized (streams) {
            Stream stream = streams.activeStream(name);
            if (hours > stream.retentionHours()) {
                throw KinesisException.invalidArgument("Requested retention period (" + hours + " hours) for stream " + name
                        + " can not be longer than existing retention period (" + stream.retentionHours()
                        + " hours). Use IncreaseRetentionPeriod API.");
            }
            checkBounds(hours);
            stream.retentionHours(hours);
            streams.persist(stream);
            apply(stream);
        }
    }

    private static void checkBounds(int hours) {
        if (hours < StreamRegistry.DEFAULT_RETENTION_HOURS) {
            throw KinesisException.invalidArgument("Minimum allowed retention period is " + StreamRegistry.DEFAULT_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_RETENTION_HOURS) {
            throw KinesisException.invalidArgument("Maximum allowed retention period is " + MAX_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
    }

    /** Drops records older than each stream's retention period. Takes the registry's lock only to remove shards. */
    public void applyRetention() {
        for (Stream stream : streams.liveStreams()) {
            apply(stream);
        }
    }

    private void apply(Stream stream) {
        long cutoff = streams.settings().clock().millis() - stream.retentionHours() * 3_600_000L;
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
    private void removeExpiredShards(Stream stream, List<Shard> expired) {
        synchronized (streams) {
            if (!streams.isLive(stream)) {
                return;
            }
            for (Shard shard : expired) {
                stream.removeShard(shard);
                log.info("Retention removed closed shard {} of stream {}", shard.id(), stream.name());
            }
            streams.persist(stream);
        }
    }
}
