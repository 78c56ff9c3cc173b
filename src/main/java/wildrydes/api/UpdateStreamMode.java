package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamMode;
import wildrydes.stream.StreamService;

public final class UpdateStreamMode implements Action {
    private static final Shape INPUT = Shape.structure(
            required("StreamARN", Shapes.STREAM_ARN),
            required("StreamModeDetails", Shapes.STREAM_MODE_DETAILS),
            optional("StreamId", Shapes.STREAM_ID));

    private final StreamService service;

    public UpdateStreamMode(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateStreamMode";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        service.updateStreamMode(StreamReference.resolve(request, service.settings()),
                StreamMode.valueOf(request.struct("StreamModeDetails").string("StreamMode")));
        return Action.done(Response.EMPTY);
    }
}
