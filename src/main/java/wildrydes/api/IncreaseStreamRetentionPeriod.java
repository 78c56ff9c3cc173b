package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Retention;
import wildrydes.stream.ServiceSettings;

public final class IncreaseStreamRetentionPeriod implements Action {
    static final Shape INPUT = Shapes.withStream(required("RetentionPeriodHours", Shape.integer().min(1)));

    private final Retention retention;
    private final ServiceSettings settings;

    public IncreaseStreamRetentionPeriod(Retention retention, ServiceSettings settings) {
        this.retention = retention;
        this.settings = settings;
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
        retention.increaseRetention(StreamReference.resolve(request, settings),
                request.longValue("RetentionPeriodHours").intValue());
        return Action.done(Response.EMPTY);
    }
}
