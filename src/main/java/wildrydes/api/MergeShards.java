package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Resharding;
import wildrydes.stream.ServiceSettings;

public final class MergeShards implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("ShardToMerge", Shapes.SHARD_ID),
            required("AdjacentShardToMerge", Shapes.SHARD_ID));

    private final Resharding resharding;
    private final ServiceSettings settings;

    public MergeShards(Resharding resharding, ServiceSettings settings) {
        this.resharding = resharding;
        this.settings = settings;
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
        resharding.mergeShards(StreamReference.resolve(request, settings), request.string("ShardToMerge"),
                request.string("AdjacentShardToMerge"));
        return Action.done(Response.EMPTY);
    }
}
