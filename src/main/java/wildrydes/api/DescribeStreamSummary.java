package wildrydes.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.fanout.StreamConsumers;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;

/**
 * The members of the model's StreamDescriptionSummary in its order, but StreamId ("not
 * implemented" in the API reference) and ChannelCount (of the channel operations, which this
 * server does not have).
 */
public final class DescribeStreamSummary implements Action {
    private static final Shape INPUT = Shapes.withStream();

    private final StreamRegistry streams;
    private final StreamConsumers consumers;

    public DescribeStreamSummary(StreamRegistry streams, StreamConsumers consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    @Override
    public String name() {
        return "DescribeStreamSummary";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        Stream stream = streams.stream(StreamReference.resolve(request, streams.settings()));
        return Action.done(w -> {
            w.startObject().startObject("StreamDescriptionSummary");
            StreamViews.streamHeader(w, stream, streams.settings());
            w.number("RetentionPeriodHours", stream.retentionHours());
            w.timestamp("StreamCreationTimestamp", stream.createdMillis());
            StreamViews.enhancedMonitoring(w, stream);
            StreamViews.encryption(w, stream);
            w.number("OpenShardCount", stream.openShardCount());
            w.number("ConsumerCount", consumers.count(stream));
            StreamViews.warmThroughput(w, stream);
            w.number("MaxRecordSizeInKiB", stream.settings().maxRecordSizeKiB());
            // every stream distributes by partition key (AWS's default; AUTO is set by an operation this server lacks),
            // and the Kinesis Producer Library 1.1 reads it
            w.string("RecordDistributionStrategy", "USER_PARTITION_KEY");
            w.endObject().endObject();
        });
    }
}
