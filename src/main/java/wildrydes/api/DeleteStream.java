package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

public final class DeleteStream implements Action {
    private static final Shape INPUT = Shapes.withStream(optional("EnforceConsumerDeletion", Shape.bool()));

    private final StreamService service;

    public DeleteStream(StreamService service) {
        this.service = service;
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
        service.deleteStream(StreamReference.resolve(request, service.settings()), request.bool("EnforceConsumerDeletion", false));
        return Action.done(Response.EMPTY);
    }
}
