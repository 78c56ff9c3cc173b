package wildrydes.stream;

import java.time.Duration;

/**
 * How long a SubscribeToShard lasts and how often an idle one sends an empty event. AWS:
 * 5 minutes, and about every 5 seconds; tests shorten them. A setting of the service, like
 * {@link ServiceSettings}, read by the enhanced fan-out room when a subscription opens.
 */
public record SubscriptionTiming(Duration lifetime, Duration heartbeat) {
    public static final SubscriptionTiming AWS = new SubscriptionTiming(Duration.ofMinutes(5), Duration.ofSeconds(5));
}
