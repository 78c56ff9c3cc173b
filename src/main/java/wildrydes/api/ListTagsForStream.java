package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;

public final class ListTagsForStream implements Action {
    private static final Shape INPUT = Shapes.withStream(
            optional("ExclusiveStartTagKey", Shapes.TAG_KEY),
            optional("Limit", Shape.integer().range(1, 50)));

    private final StreamRegistry streams;

    public ListTagsForStream(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "ListTagsForStream";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        Map<String, String> tags = streams.stream(StreamReference.resolve(request, streams.settings())).tags();
        String after = request.string("ExclusiveStartTagKey");
        int limit = request.intValue("Limit", 50);
        Map<String, String> page = new LinkedHashMap<>();
        boolean more = false;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (after != null && tag.getKey().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.put(tag.getKey(), tag.getValue());
        }
        boolean hasMore = more;
        return Action.done(w -> {
            w.startObject().startArray("Tags");
            page.forEach((k, v) -> w.startObject().string("Key", k).string("Value", v).endObject());
            w.endArray();
            w.bool("HasMoreTags", hasMore);
            w.endObject();
        });
    }
}
