package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.fanout.ConsumerResources;
import wildrydes.fanout.StreamConsumer;
import wildrydes.fanout.StreamConsumers;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;

/** Registers a consumer for enhanced fan-out: CREATING at first, ACTIVE after the state-change delay. */
public final class RegisterStreamConsumer implements Action {
    private static final Shape INPUT = Shape.structure(
            required("StreamARN", Shapes.STREAM_ARN),
            required("ConsumerName", ConsumerShapes.CONSUMER_NAME),
            optional("Tags", Shape.map(Shapes.TAG_KEY, Shapes.TAG_VALUE).length(0, 50)));

    private final StreamRegistry streams;
    private final StreamConsumers consumers;
    private final ConsumerResources consumerResources;

    public RegisterStreamConsumer(StreamRegistry streams, StreamConsumers consumers, ConsumerResources consumerResources) {
        this.streams = streams;
        this.consumers = consumers;
        this.consumerResources = consumerResources;
    }

    @Override
    public String name() {
        return "RegisterStreamConsumer";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        Stream stream = streams.stream(StreamReference.resolve(request, streams.settings()));
        StreamConsumer consumer = consumers.register(stream, request.string("ConsumerName"));
        Map<String, String> tags = request.has("Tags") ? CreateStream.tags(request.map("Tags")) : Map.of();
        if (!tags.isEmpty()) {
            consumerResources.addTags(stream.name(), consumer.arn(streams.settings()), tags);
        }
        return Action.done(w -> {
            w.startObject().startObject("Consumer");
            ConsumerViews.consumer(w, consumer, streams.settings());
            w.endObject().endObject();
        });
    }
}
