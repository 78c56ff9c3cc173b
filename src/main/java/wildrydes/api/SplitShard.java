package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

public final class SplitShard implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("ShardToSplit", Shapes.SHARD_ID),
            required("NewStartingHashKey", Shapes.HASH_KEY));

    private final StreamService service;

    public SplitShard(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "SplitShard";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        service.splitShard(StreamReference.resolve(request, service.settings()), request.string("ShardToSplit"),
                request.string("NewStartingHashKey"));
        return Action.done(Response.EMPTY);
    }
}
