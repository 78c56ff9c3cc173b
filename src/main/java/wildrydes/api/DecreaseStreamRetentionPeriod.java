package wildrydes.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.Retention;
import wildrydes.stream.ServiceSettings;

public final class DecreaseStreamRetentionPeriod implements Action {
    private final Retention retention;
    private final ServiceSettings settings;

    public DecreaseStreamRetentionPeriod(Retention retention, ServiceSettings settings) {
        this.retention = retention;
        this.settings = settings;
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
        retention.decreaseRetention(StreamReference.resolve(request, settings),
                request.longValue("RetentionPeriodHours").intValue());
        return Action.done(Response.EMPTY);
    }
}
