package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.StreamTags;

public final class AddTagsToStream implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("Tags", Shape.map(Shapes.TAG_KEY, Shapes.TAG_VALUE).length(1, 50)));

    private final StreamTags tags;
    private final ServiceSettings settings;

    public AddTagsToStream(StreamTags tags, ServiceSettings settings) {
        this.tags = tags;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "AddTagsToStream";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        tags.addTags(StreamReference.resolve(request, settings), CreateStream.tags(request.map("Tags")));
        return Action.done(Response.EMPTY);
    }
}
