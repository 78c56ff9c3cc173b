package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.StreamTags;

public final class RemoveTagsFromStream implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("TagKeys", Shape.list(Shapes.TAG_KEY).length(1, 50)));

    private final StreamTags tags;
    private final ServiceSettings settings;

    public RemoveTagsFromStream(StreamTags tags, ServiceSettings settings) {
        this.tags = tags;
        this.settings = settings;
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
        tags.removeTags(StreamReference.resolve(request, settings), request.list("TagKeys"));
        return Action.done(Response.EMPTY);
    }
}
