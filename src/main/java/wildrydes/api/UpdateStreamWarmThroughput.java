package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamMode;
import wildrydes.stream.StreamService;

/** Warm throughput of an on-demand stream: capacity kept ready for a burst of writes. */
public final class UpdateStreamWarmThroughput implements Action {
    private static final Shape INPUT = Shapes.withStream(required("WarmThroughputMiBps", Shape.integer().min(0)));

    private final StreamService service;

    public UpdateStreamWarmThroughput(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateStreamWarmThroughput";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        String name = StreamReference.resolve(request, service.settings());
        int target = request.longValue("WarmThroughputMiBps").intValue();
        if (service.stream(name).mode() != StreamMode.ON_DEMAND) {
            throw KinesisException.invalidArgument("Warm throughput can only be set on streams in ON_DEMAND mode; stream "
                    + name + " is PROVISIONED.");
        }
        int current = service.stream(name).settings().warmThroughputMiBps();
        service.updateSettings(name, s -> s.withWarmThroughputMiBps(target), true);
        return Action.done(w -> {
            w.startObject().string("StreamARN", service.settings().streamArn(name)).string("StreamName", name);
            w.startObject("WarmThroughput").number("TargetMiBps", target).number("CurrentMiBps", current).endObject();
            w.endObject();
        });
    }
}
