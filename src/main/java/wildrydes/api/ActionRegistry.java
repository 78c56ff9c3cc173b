package wildrydes.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wildrydes.stream.StreamService;

/** Every operation this server answers, by name. */
public final class ActionRegistry {
    public static final String TARGET_PREFIX = "Kinesis_20131202.";

    private final Map<String, Action> actions = new HashMap<>();

    public ActionRegistry(StreamService service) {
        List<Action> all = List.of(
                new CreateStream(service), new DeleteStream(service), new DescribeStream(service),
                new DescribeStreamSummary(service), new ListStreams(service), new ListShards(service),
                new PutRecord(service), new PutRecords(service), new GetShardIterator(service), new GetRecords(service),
                new IncreaseStreamRetentionPeriod(service), new DecreaseStreamRetentionPeriod(service),
                new AddTagsToStream(service), new RemoveTagsFromStream(service), new ListTagsForStream(service),
                new DescribeLimits(service),
                new SplitShard(service), new MergeShards(service), new UpdateShardCount(service),
                new UpdateStreamMode(service), new UpdateMaxRecordSize(service), new UpdateStreamWarmThroughput(service),
                StreamEncryption.start(service), StreamEncryption.stop(service),
                EnhancedMonitoring.enable(service), EnhancedMonitoring.disable(service),
                ResourceTags.tag(service), ResourceTags.untag(service), ResourceTags.list(service),
                ResourcePolicies.put(service), ResourcePolicies.get(service), ResourcePolicies.delete(service),
                AccountSettings.describe(service), AccountSettings.update(service),
                new RegisterStreamConsumer(service), new DeregisterStreamConsumer(service), new DescribeStreamConsumer(service),
                new ListStreamConsumers(service), new SubscribeToShard(service));
        for (Action action : all) {
            actions.put(action.name(), action);
        }
    }

    /** The action an {@code X-Amz-Target} header names, or null. */
    public Action forTarget(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return null;
        }
        return actions.get(target.substring(TARGET_PREFIX.length()));
    }

    public java.util.Set<String> names() {
        return actions.keySet();
    }
}
