package wildrydes.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamRegistry;

public final class DescribeLimits implements Action {
    private static final Shape INPUT = Shape.structure();

    private final StreamRegistry streams;

    public DescribeLimits(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "DescribeLimits";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        Map<String, Integer> limits = streams.limits();
        return Action.done(w -> {
            w.startObject();
            for (String name : new String[] {"ShardLimit", "OpenShardCount", "OnDemandStreamCount", "OnDemandStreamCountLimit"}) {
                w.number(name, limits.get(name));
            }
            w.endObject();
        });
    }
}
