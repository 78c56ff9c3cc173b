package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import java.util.concurrent.CompletableFuture;
import wildrydes.fanout.StreamConsumers;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;

/** Deregisters a consumer (by ARN, or by stream ARN and name): DELETING, then gone; its subscriptions end. */
public final class DeregisterStreamConsumer implements Action {
    private static final Shape INPUT = Shape.structure(
            optional("StreamARN", Shapes.STREAM_ARN),
            optional("ConsumerName", ConsumerShapes.CONSUMER_NAME),
            optional("ConsumerARN", ConsumerShapes.CONSUMER_ARN));

    private final StreamConsumers consumers;
    private final StreamRegistry streams;

    public DeregisterStreamConsumer(StreamConsumers consumers, StreamRegistry streams) {
        this.consumers = consumers;
        this.streams = streams;
    }

    @Override
    public String name() {
        return "DeregisterStreamConsumer";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        consumers.deregister(ConsumerReference.resolve(request, consumers, streams));
        return Action.done(Response.EMPTY);
    }
}
