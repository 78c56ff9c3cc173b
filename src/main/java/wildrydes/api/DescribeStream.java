package wildrydes.api;

import static wildrydes.protocol.Member.optional;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Shard;
import wildrydes.stream.ShardIds;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamRegistry;

public final class DescribeStream implements Action {
    private static final Shape INPUT = Shapes.withStream(
            optional("Limit", Shape.integer().range(1, 10000)),
            optional("ExclusiveStartShardId", Shapes.SHARD_ID));

    private final StreamRegistry streams;

    public DescribeStream(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "DescribeStream";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        Stream stream = streams.stream(StreamReference.resolve(request, streams.settings()));
        int limit = request.intValue("Limit", 100);
        String exclusiveStart = request.string("ExclusiveStartShardId");
        int after = exclusiveStart == null ? -1 : ShardIds.parse(exclusiveStart);
        List<Shard> page = new ArrayList<>();
        boolean more = false;
        for (Shard shard : stream.shards()) {
            if (exclusiveStart != null && shard.index() <= after) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(shard);
        }
        boolean hasMore = more;
        return Action.done(w -> {
            w.startObject().startObject("StreamDescription");
            StreamViews.streamHeader(w, stream, streams.settings());
            w.startArray("Shards");
            page.forEach(shard -> StreamViews.shard(w, stream, shard));
            w.endArray();
            w.bool("HasMoreShards", hasMore);
            w.number("RetentionPeriodHours", stream.retentionHours());
            w.timestamp("StreamCreationTimestamp", stream.createdMillis());
            StreamViews.enhancedMonitoring(w, stream);
            StreamViews.settings(w, stream);
            w.endObject().endObject();
        });
    }
}
