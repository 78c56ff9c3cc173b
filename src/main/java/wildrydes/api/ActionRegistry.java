package wildrydes.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wildrydes.fanout.StreamConsumers;
import wildrydes.kinesis.KinesisServices;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.StreamRegistry;

/** Every operation this server answers, by name, each wired to the rooms of the service it works on. */
public final class ActionRegistry {
    public static final String TARGET_PREFIX = "Kinesis_20131202.";

    private final Map<String, Action> actions = new HashMap<>();

    public ActionRegistry(KinesisServices s) {
        ServiceSettings settings = s.settings();
        StreamRegistry streams = s.registry();
        StreamConsumers consumers = s.consumers();
        ResourceTags.Rooms tagRooms = new ResourceTags.Rooms(streams, s.tags(), s.consumerResources());
        ResourcePolicies.Rooms policyRooms = new ResourcePolicies.Rooms(settings, s.settingsUpdates(), s.consumerResources());
        List<Action> all = List.of(
                new CreateStream(streams), new DeleteStream(streams, consumers), new DescribeStream(streams),
                new DescribeStreamSummary(streams, consumers), new ListStreams(streams), new ListShards(streams),
                new PutRecord(streams, s.dataPlane()), new PutRecords(streams, s.dataPlane()),
                new GetShardIterator(s.dataPlane(), settings), new GetRecords(s.dataPlane()),
                new IncreaseStreamRetentionPeriod(s.retention(), settings), new DecreaseStreamRetentionPeriod(s.retention(), settings),
                new AddTagsToStream(s.tags(), settings), new RemoveTagsFromStream(s.tags(), settings), new ListTagsForStream(streams),
                new DescribeLimits(streams),
                new SplitShard(s.resharding(), settings), new MergeShards(s.resharding(), settings),
                new UpdateShardCount(s.resharding(), settings), new UpdateStreamMode(s.resharding(), settings),
                new UpdateMaxRecordSize(s.settingsUpdates(), settings), new UpdateStreamWarmThroughput(streams, s.settingsUpdates()),
                StreamEncryption.start(streams, s.settingsUpdates()), StreamEncryption.stop(streams, s.settingsUpdates()),
                EnhancedMonitoring.enable(streams, s.settingsUpdates()), EnhancedMonitoring.disable(streams, s.settingsUpdates()),
                ResourceTags.tag(tagRooms), ResourceTags.untag(tagRooms), ResourceTags.list(tagRooms),
                ResourcePolicies.put(policyRooms), ResourcePolicies.get(policyRooms), ResourcePolicies.delete(policyRooms),
                AccountSettings.describe(s.billing()), AccountSettings.update(s.billing()),
                new RegisterStreamConsumer(streams, consumers, s.consumerResources()),
                new DeregisterStreamConsumer(consumers, streams), new DescribeStreamConsumer(consumers, streams),
                new ListStreamConsumers(streams, consumers), new SubscribeToShard(consumers, settings));
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

    public Set<String> names() {
        return actions.keySet();
    }
}
