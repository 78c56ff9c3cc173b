package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Resharding;
import wildrydes.stream.ServiceSettings;

public final class UpdateShardCount implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("TargetShardCount", Shape.integer().range(1, 100000)),
            required("ScalingType", Shape.string().oneOf("UNIFORM_SCALING")));

    private final Resharding resharding;
    private final ServiceSettings settings;

    public UpdateShardCount(Resharding resharding, ServiceSettings settings) {
        this.resharding = resharding;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "UpdateShardCount";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        String stream = StreamReference.resolve(request, settings);
        int target = request.longValue("TargetShardCount").intValue();
        int current = resharding.updateShardCount(stream, target);
        return Action.done(w -> w.startObject()
                .string("StreamName", stream)
                .number("CurrentShardCount", current)
                .number("TargetShardCount", target)
                .string("StreamARN", settings.streamArn(stream))
                .endObject());
    }
}
