package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;

public final class ListStreams implements Action {
    private static final Shape INPUT = Shape.structure(
            optional("Limit", Shape.integer().range(1, 10000)),
            optional("ExclusiveStartStreamName", Shapes.STREAM_NAME),
            optional("NextToken", Shapes.NEXT_TOKEN));

    private final StreamRegistry streams;

    public ListStreams(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "ListStreams";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        long now = streams.settings().clock().millis();
        String after = request.string("ExclusiveStartStreamName");
        if (request.has("NextToken")) {
            after = PageToken.decode(request.string("NextToken"), "streams", now, name()).lastKey();
        }
        int limit = request.intValue("Limit", 100);
        List<Stream> page = new ArrayList<>();
        boolean more = false;
        for (Stream stream : streams.streams()) {
            if (after != null && stream.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(stream);
        }
        String nextToken = more ? new PageToken("streams", now, "", page.get(page.size() - 1).name()).encode() : null;
        boolean hasMore = more;
        return Action.done(w -> {
            w.startObject();
            w.startArray("StreamNames");
            page.forEach(s -> w.stringValue(s.name()));
            w.endArray();
            w.bool("HasMoreStreams", hasMore);
            w.string("NextToken", nextToken);
            w.startArray("StreamSummaries");
            for (Stream stream : page) {
                w.startObject();
                StreamViews.streamHeader(w, stream, streams.settings());
                w.timestamp("StreamCreationTimestamp", stream.createdMillis());
                w.endObject();
            }
            w.endArray();
            w.endObject();
        });
    }
}
