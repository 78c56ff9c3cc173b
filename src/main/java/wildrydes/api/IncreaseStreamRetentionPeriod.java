package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamService;

public final class IncreaseStreamRetentionPeriod implements Action {
    static final Shape INPUT = Shapes.withStream(required("RetentionPeriodHours", Shape.integer().min(1)));

    private final StreamService service;

    public IncreaseStreamRetentionPeriod(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "IncreaseStreamRetentionPeriod";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        service.increaseRetention(StreamReference.resolve(request, service.settings()),
                request.longValue("RetentionPeriodHours").intValue());
        return Action.done(Response.EMPTY);
    }
}
