package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

public final class RemoveTagsFromStream implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("TagKeys", Shape.list(Shapes.TAG_KEY).length(1, 50)));

    private final StreamService service;

    public RemoveTagsFromStream(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "RemoveTagsFromStream";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        service.removeTags(StreamReference.resolve(request, service.settings()), request.list("TagKeys"));
        return Action.done(Response.EMPTY);
    }
}
