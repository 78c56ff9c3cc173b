package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamConsumer;
import wildrydes.stream.StreamService;

/** Registers a consumer for enhanced fan-out: CREATING at first, ACTIVE after the state-change delay. */
public final class RegisterStreamConsumer implements Action {
    private static final Shape INPUT = Shape.structure(
            required("StreamARN", Shapes.STREAM_ARN),
            required("ConsumerName", ConsumerShapes.CONSUMER_NAME),
            optional("Tags", Shape.map(Shapes.TAG_KEY, Shapes.TAG_VALUE).length(0, 50)));

    private final StreamService service;

    public RegisterStreamConsumer(StreamService service) {
        this.service = service;
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
        Stream stream = service.stream(StreamReference.resolve(request, service.settings()));
        StreamConsumer consumer = service.consumers().register(stream, request.string("ConsumerName"));
        Map<String, String> tags = request.has("Tags") ? CreateStream.tags(request.map("Tags")) : Map.of();
        if (!tags.isEmpty()) {
            service.addResourceTags(stream.name(), consumer.arn(service.settings()), tags);
        }
        return Action.done(w -> {
            w.startObject().startObject("Consumer");
            ConsumerViews.consumer(w, consumer, service.settings());
            w.endObject().endObject();
        });
    }
}
