package wildrydes.fanout;

import java.util.HashMap;
import java.util.Map;
import wildrydes.errors.KinesisException;

/**
 * AWS's limit on SubscribeToShard: one call per second per consumer and shard (a call refused
 * here does not count). Entries older than a second are dropped as new ones come, so the map
 * holds at most the pairs called in the last second.
 */
final class SubscribeRateLimit {
    static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final int PRUNE_ABOVE = 1024;

    private final Map<String, Long> lastCall = new HashMap<>();

    synchronized void acquire(String consumerArn, String shardId, long nowNanos) {
        if (lastCall.size() > PRUNE_ABOVE) {
            lastCall.values().removeIf(at -> nowNanos - at >= INTERVAL_NANOS);
        }
        String key = consumerArn + '\n' + shardId;
        Long last = lastCall.get(key);
        if (last != null && nowNanos - last < INTERVAL_NANOS) {
            throw KinesisException.limitExceeded("Rate exceeded for consumer " + consumerArn + " and shard " + shardId
                    + ". You can make one SubscribeToShard call per second per registered consumer per shard.");
        }
        lastCall.put(key, nowNanos);
    }
}
