package wildrydes.fanout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import wildrydes.errors.KinesisException;

/**
 * The open SubscribeToShard calls, one per consumer and shard. A new call for a pair whose
 * current subscription started less than 5 seconds ago is refused with ResourceInUseException;
 * a later one takes over, and the earlier one ends with a ResourceInUseException frame. A
 * subscription that was closed holds no slot; closed ones are dropped as new ones come, so a
 * subscription never calls back into this registry.
 */
final class Subscriptions {
    static final long TAKEOVER_AFTER_NANOS = 5_000_000_000L;

    private final Map<String, Subscription> open = new HashMap<>();

    synchronized void add(Subscription subscription, String consumerArn) {
        open.values().removeIf(Subscription::closed);
        Subscription current = open.get(subscription.key());
        if (current != null) {
            long age = subscription.startedNanos() - current.startedNanos();
            if (age < TAKEOVER_AFTER_NANOS) {
                throw KinesisException.inUse("Another active subscription exists for consumer " + consumerArn + " and shard "
                        + subscription.shard().id() + ", started " + age / 1_000_000 + " ms ago. A new SubscribeToShard "
                        + "takes over once the current one is 5 seconds old.");
            }
            current.end(KinesisException.inUse("Subscription to shard " + subscription.shard().id() + " for consumer "
                    + consumerArn + " was taken over by a newer SubscribeToShard call."));
        }
        open.put(subscription.key(), subscription);
    }

    /** Ends every open subscription that matches, with the reason as its last (exception) frame. */
    void endAll(Predicate<Subscription> which, KinesisException reason) {
        List<Subscription> ending = new ArrayList<>();
        synchronized (this) {
            open.values().removeIf(Subscription::closed);
            for (Subscription subscription : open.values()) {
                if (which.test(subscription)) {
                    ending.add(subscription);
                }
            }
        }
        ending.forEach(s -> s.end(reason));
    }
}
