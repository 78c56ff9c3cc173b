package wildrydes.api;

import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamMode;
import wildrydes.stream.StreamRegistry;
import wildrydes.stream.StreamSettingsUpdates;

/** Warm throughput of an on-demand stream: capacity kept ready for a burst of writes. */
public final class UpdateStreamWarmThroughput implements Action {
    private static final Shape INPUT = Shapes.withStream(required("WarmThroughputMiBps", Shape.integer().min(0)));

    private final StreamRegistry streams;
    private final StreamSettingsUpdates settingsUpdates;

    public UpdateStreamWarmThroughput(StreamRegistry streams, StreamSettingsUpdates settingsUpdates) {
        this.streams = streams;
        this.settingsUpdates = settingsUpdates;
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
        String name = StreamReference.resolve(request, streams.settings());
        int target = request.longValue("WarmThroughputMiBps").intValue();
        if (streams.stream(name).mode() != StreamMode.ON_DEMAND) {
            throw KinesisException.invalidArgument("Warm throughput can only be set on streams in ON_DEMAND mode; stream "
                    + name + " is PROVISIONED.");
        }
        int current = streams.stream(name).settings().warmThroughputMiBps();
        settingsUpdates.update(name, s -> s.withWarmThroughputMiBps(target), true);
        return Action.done(w -> {
            w.startObject().string("StreamARN", streams.settings().streamArn(name)).string("StreamName", name);
            w.startObject("WarmThroughput").number("TargetMiBps", target).number("CurrentMiBps", current).endObject();
            w.endObject();
        });
    }
}
