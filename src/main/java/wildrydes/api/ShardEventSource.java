package wildrydes.api;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.fanout.ShardEvent;
import wildrydes.fanout.Subscription;
import wildrydes.protocol.ResponseWriter;

/**
 * The events of one SubscribeToShard: records as they are committed, an empty event as a
 * heartbeat after a while without one (and at once when there is nothing to read at the start,
 * so the client learns where it is), the end after the lifetime (5 minutes), and an
 * exception frame when the subscription is taken over or its consumer or stream goes away.
 */
final class ShardEventSource implements EventSource {
    /** Per event: like GetRecords, but in smaller events, so a subscriber that falls behind catches up in steps. */
    static final int MAX_RECORDS = 10_000;
    static final long MAX_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ShardEventSource.class);

    private final Subscription subscription;
    private final Clock clock;
    private final long lifetimeNanos;
    private final long heartbeatNanos;
    private long startedNanos;
    private long lastEventNanos;
    private boolean ended;

    ShardEventSource(Subscription subscription, Clock clock) {
        this.subscription = subscription;
        this.clock = clock;
        this.lifetimeNanos = subscription.timing().lifetime().toNanos();
        this.heartbeatNanos = subscription.timing().heartbeat().toNanos();
    }

    @Override
    public void start(Runnable wake) {
        startedNanos = System.nanoTime();
        lastEventNanos = startedNanos - heartbeatNanos;
        subscription.listen(wake);
    }

    @Override
    public StreamEvent next(long nowNanos) {
        if (ended) {
            return null;
        }
        KinesisException endedBy = subscription.endedBy();
        if (endedBy != null) {
            ended = true;
            return StreamEvent.exception(endedBy.code(), endedBy.getMessage());
        }
        if (nowNanos - startedNanos >= lifetimeNanos) {
            ended = true;
            return StreamEvent.end();
        }
        ShardEvent event;
        try {
            event = subscription.poll(MAX_RECORDS, MAX_BYTES, clock.millis());
        } catch (KinesisException e) {
            ended = true;
            return StreamEvent.exception(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Reading {} {} for a subscription failed", subscription.streamName(), subscription.shardId(), e);
            ended = true;
            return StreamEvent.exception(ErrorCode.InternalFailure, "Internal service failure.");
        }
        if (event == null && nowNanos - lastEventNanos >= heartbeatNanos) {
            event = subscription.heartbeat();
        }
        if (event == null) {
            return null;
        }
        lastEventNanos = nowNanos;
        ended = event.endOfShard();
        ShardEvent payload = event;
        return StreamEvent.event("SubscribeToShardEvent", w -> write(w, payload), ended);
    }

    @Override
    public long nanosUntilDue(long nowNanos) {
        if (ended) {
            return Long.MAX_VALUE;
        }
        long untilEnd = startedNanos + lifetimeNanos - nowNanos;
        long untilHeartbeat = lastEventNanos + heartbeatNanos - nowNanos;
        return Math.max(0, Math.min(untilEnd, untilHeartbeat));
    }

    @Override
    public void close() {
        subscription.close();
    }

    static void write(ResponseWriter w, ShardEvent event) {
        w.startObject();
        StreamViews.records(w, event.records());
        w.string("ContinuationSequenceNumber", event.continuationSequenceNumber());
        w.number("MillisBehindLatest", event.millisBehindLatest());
        if (event.endOfShard()) {
            StreamViews.childShards(w, event.childShards());
        }
        w.endObject();
    }
}
