package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamConsumer;
import wildrydes.stream.StreamService;

/** Describes a consumer, by ARN or by stream ARN and name. */
public final class DescribeStreamConsumer implements Action {
    private static final Shape INPUT = Shape.structure(
            optional("StreamARN", Shapes.STREAM_ARN),
            optional("ConsumerName", ConsumerShapes.CONSUMER_NAME),
            optional("ConsumerARN", ConsumerShapes.CONSUMER_ARN));

    private final StreamService service;

    public DescribeStreamConsumer(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DescribeStreamConsumer";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        StreamConsumer consumer = ConsumerReference.resolve(request, service);
        return Action.done(w -> {
            w.startObject().startObject("ConsumerDescription");
            ConsumerViews.consumer(w, consumer, service.settings());
            w.string("StreamARN", service.settings().streamArn(consumer.streamName()));
            w.endObject().endObject();
        });
    }
}
