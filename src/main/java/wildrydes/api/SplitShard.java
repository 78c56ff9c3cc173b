package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Resharding;
import wildrydes.stream.ServiceSettings;

public final class SplitShard implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("ShardToSplit", Shapes.SHARD_ID),
            required("NewStartingHashKey", Shapes.HASH_KEY));

    private final Resharding resharding;
    private final ServiceSettings settings;

    public SplitShard(Resharding resharding, ServiceSettings settings) {
        this.resharding = resharding;
        this.settings = settings;
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
        resharding.splitShard(StreamReference.resolve(request, settings), request.string("ShardToSplit"),
                request.string("NewStartingHashKey"));
        return Action.done(Response.EMPTY);
    }
}
