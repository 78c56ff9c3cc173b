package wildrydes.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

public final class DecreaseStreamRetentionPeriod implements Action {
    private final StreamService service;

    public DecreaseStreamRetentionPeriod(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DecreaseStreamRetentionPeriod";
    }

    @Override
    public Shape input() {
        return IncreaseStreamRetentionPeriod.INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        service.decreaseRetention(StreamReference.resolve(request, service.settings()),
                request.longValue("RetentionPeriodHours").intValue());
        return Action.done(Response.EMPTY);
    }
}
