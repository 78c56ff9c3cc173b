package wildrydes.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.fanout.StreamConsumers;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;

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
            StreamViews.settings(w, stream);
            w.number("OpenShardCount", stream.openShardCount());
            w.number("ConsumerCount", consumers.count(stream));
            w.endObject().endObject();
        });
    }
}
