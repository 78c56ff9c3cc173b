package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Resharding;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.StreamMode;

public final class UpdateStreamMode implements Action {
    private static final Shape INPUT = Shape.structure(
            required("StreamARN", Shapes.STREAM_ARN),
            required("StreamModeDetails", Shapes.STREAM_MODE_DETAILS),
            optional("StreamId", Shapes.STREAM_ID));

    private final Resharding resharding;
    private final ServiceSettings settings;

    public UpdateStreamMode(Resharding resharding, ServiceSettings settings) {
        this.resharding = resharding;
        this.settings = settings;
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
        resharding.updateStreamMode(StreamReference.resolve(request, settings),
                StreamMode.valueOf(request.struct("StreamModeDetails").string("StreamMode")));
        return Action.done(Response.EMPTY);
    }
}
