package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;
import wildrydes.stream.StreamSettingsUpdates;

/** EnableEnhancedMonitoring and DisableEnhancedMonitoring: which shard-level metrics a stream publishes. */
public final class EnhancedMonitoring implements Action {
    static final List<String> ALL_METRICS = List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
            "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds");
    private static final Shape INPUT = Shapes.withStream(required("ShardLevelMetrics", Shape.list(Shape.string().oneOf(
            "IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords", "WriteProvisionedThroughputExceeded",
            "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds", "ALL")).length(1, 7)));

    private final StreamRegistry streams;
    private final StreamSettingsUpdates settingsUpdates;
    private final boolean enable;

    private EnhancedMonitoring(StreamRegistry streams, StreamSettingsUpdates settingsUpdates, boolean enable) {
        this.streams = streams;
        this.settingsUpdates = settingsUpdates;
        this.enable = enable;
    }

    public static EnhancedMonitoring enable(StreamRegistry streams, StreamSettingsUpdates settingsUpdates) {
        return new EnhancedMonitoring(streams, settingsUpdates, true);
    }

    public static EnhancedMonitoring disable(StreamRegistry streams, StreamSettingsUpdates settingsUpdates) {
        return new EnhancedMonitoring(streams, settingsUpdates, false);
    }

    @Override
    public String name() {
        return enable ? "EnableEnhancedMonitoring" : "DisableEnhancedMonitoring";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        String stream = StreamReference.resolve(request, streams.settings());
        Set<String> asked = new LinkedHashSet<>();
        for (String metric : request.<String>list("ShardLevelMetrics")) {
            asked.addAll(metric.equals("ALL") ? ALL_METRICS : List.of(metric));
        }
        List<String> current = streams.stream(stream).settings().shardLevelMetrics();
        List<String> desired = new ArrayList<>();
        for (String metric : ALL_METRICS) {
            boolean on = current.contains(metric);
            if (enable ? on || asked.contains(metric) : on && !asked.contains(metric)) {
                desired.add(metric);
            }
        }
        settingsUpdates.update(stream, s -> s.withShardLevelMetrics(desired), false);
        return Action.done(w -> {
            w.startObject().string("StreamName", stream).string("StreamARN", streams.settings().streamArn(stream));
            w.startArray("CurrentShardLevelMetrics");
            current.forEach(w::stringValue);
            w.endArray().startArray("DesiredShardLevelMetrics");
            desired.forEach(w::stringValue);
            w.endArray().endObject();
        });
    }
}
