package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import java.util.concurrent.CompletableFuture;
import wildrydes.fanout.StreamConsumer;
import wildrydes.fanout.StreamConsumers;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;

/** Describes a consumer, by ARN or by stream ARN and name. */
public final class DescribeStreamConsumer implements Action {
    private static final Shape INPUT = Shape.structure(
            optional("StreamARN", Shapes.STREAM_ARN),
            optional("ConsumerName", ConsumerShapes.CONSUMER_NAME),
            optional("ConsumerARN", ConsumerShapes.CONSUMER_ARN));

    private final StreamConsumers consumers;
    private final StreamRegistry streams;

    public DescribeStreamConsumer(StreamConsumers consumers, StreamRegistry streams) {
        this.consumers = consumers;
        this.streams = streams;
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
        StreamConsumer consumer = ConsumerReference.resolve(request, consumers, streams);
        return Action.done(w -> {
            w.startObject().startObject("ConsumerDescription");
            ConsumerViews.consumer(w, consumer, streams.settings());
            w.string("StreamARN", streams.settings().streamArn(consumer.streamName()));
            w.endObject().endObject();
        });
    }
}
