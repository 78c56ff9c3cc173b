package wildrydes.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamService;

public final class DescribeStreamSummary implements Action {
    private static final Shape INPUT = Shapes.withStream();

    private final StreamService service;

    public DescribeStreamSummary(StreamService service) {
        this.service = service;
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
        Stream stream = service.stream(StreamReference.resolve(request, service.settings()));
        return Action.done(w -> {
            w.startObject().startObject("StreamDescriptionSummary");
            StreamViews.streamHeader(w, stream, service.settings());
            w.number("RetentionPeriodHours", stream.retentionHours());
            w.timestamp("StreamCreationTimestamp", stream.createdMillis());
            StreamViews.enhancedMonitoring(w, stream);
            StreamViews.settings(w, stream);
            w.number("OpenShardCount", stream.openShardCount());
            w.number("ConsumerCount", service.consumers().count(stream));
            w.endObject().endObject();
        });
    }
}
