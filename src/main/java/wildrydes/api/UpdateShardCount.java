package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

public final class UpdateShardCount implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("TargetShardCount", Shape.integer().range(1, 100000)),
            required("ScalingType", Shape.string().oneOf("UNIFORM_SCALING")));

    private final StreamService service;

    public UpdateShardCount(StreamService service) {
        this.service = service;
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
        String stream = StreamReference.resolve(request, service.settings());
        int target = request.longValue("TargetShardCount").intValue();
        int current = service.updateShardCount(stream, target);
        return Action.done(w -> w.startObject()
                .string("StreamName", stream)
                .number("CurrentShardCount", current)
                .number("TargetShardCount", target)
                .string("StreamARN", service.settings().streamArn(stream))
                .endObject());
    }
}
