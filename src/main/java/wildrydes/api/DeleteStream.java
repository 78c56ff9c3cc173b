package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import java.util.concurrent.CompletableFuture;
import wildrydes.fanout.StreamConsumers;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;

public final class DeleteStream implements Action {
    private static final Shape INPUT = Shapes.withStream(optional("EnforceConsumerDeletion", Shape.bool()));

    private final StreamRegistry streams;
    private final StreamConsumers consumers;

    public DeleteStream(StreamRegistry streams, StreamConsumers consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    @Override
    public String name() {
        return "DeleteStream";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        boolean enforceConsumerDeletion = request.bool("EnforceConsumerDeletion", false);
        streams.deleteStream(StreamReference.resolve(request, streams.settings()),
                stream -> consumers.beforeStreamDelete(stream, enforceConsumerDeletion));
        return Action.done(Response.EMPTY);
    }
}
