package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

public final class MergeShards implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("ShardToMerge", Shapes.SHARD_ID),
            required("AdjacentShardToMerge", Shapes.SHARD_ID));

    private final StreamService service;

    public MergeShards(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "MergeShards";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        service.mergeShards(StreamReference.resolve(request, service.settings()), request.string("ShardToMerge"),
                request.string("AdjacentShardToMerge"));
        return Action.done(Response.EMPTY);
    }
}
