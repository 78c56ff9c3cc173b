package wildrydes.fanout;

import java.util.List;
import java.util.Map;
import wildrydes.errors.KinesisException;
import wildrydes.stream.StreamRegistry;
import wildrydes.stream.TagRules;

/**
 * The tags and resource policy of a registered stream consumer (TagResource, UntagResource,
 * ListTagsForResource and the resource policy operations on a consumer ARN). They go when the
 * consumer is deregistered.
 */
public final class ConsumerResources {
    private final StreamRegistry streams;
    private final StreamConsumers consumers;
    private final ConsumerResourceStore store;

    public ConsumerResources(StreamRegistry streams, StreamConsumers consumers) {
        this.streams = streams;
        this.consumers = consumers;
        this.store = consumers.resourceStore();
    }

    /** The tags of the consumer {@code consumerArn} of the stream {@code streamName}. */
    public Map<String, String> tags(String streamName, String consumerArn) {
        streams.stream(streamName);
        return store.tags(requireConsumer(consumerArn));
    }

    public synchronized void addTags(String streamName, String consumerArn, Map<String, String> tags) {
        streams.stream(streamName);
        String arn = requireConsumer(consumerArn);
        TagRules.checkAdding(arn, store.tags(arn), tags, streams.settings().accountId());
        store.putTags(arn, tags);
    }

    public synchronized void removeTags(String streamName, String consumerArn, List<String> keys) {
        streams.stream(streamName);
        store.removeTags(requireConsumer(consumerArn), keys);
    }

    /** The consumer's resource policy document, or null. */
    public String policy(String streamName, String consumerArn) {
        streams.stream(streamName);
        return store.policy(requireConsumer(consumerArn));
    }

    /** Sets (or, with null, deletes) the consumer's resource policy. */
    public synchronized void putPolicy(String streamName, String consumerArn, String policy) {
        streams.stream(streamName);
        store.putPolicy(requireConsumer(consumerArn), policy);
    }

    private String requireConsumer(String consumerArn) {
        if (!consumers.exists(consumerArn)) {
            throw KinesisException.notFound("Consumer " + consumerArn + " under account " + streams.settings().accountId()
                    + " not found.");
        }
        return consumerArn;
    }
}
