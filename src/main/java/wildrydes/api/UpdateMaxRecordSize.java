package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.StreamSettingsUpdates;

/** Raises (or lowers) the largest record a stream accepts, from 1 MiB up to 10 MiB. */
public final class UpdateMaxRecordSize implements Action {
    private static final Shape INPUT = Shape.structure(
            optional("StreamARN", Shapes.STREAM_ARN),
            optional("StreamName", Shapes.STREAM_NAME),
            optional("StreamId", Shapes.STREAM_ID),
            required("MaxRecordSizeInKiB", Shapes.MAX_RECORD_SIZE_KIB));

    private final StreamSettingsUpdates settingsUpdates;
    private final ServiceSettings settings;

    public UpdateMaxRecordSize(StreamSettingsUpdates settingsUpdates, ServiceSettings settings) {
        this.settingsUpdates = settingsUpdates;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "UpdateMaxRecordSize";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        int kib = request.longValue("MaxRecordSizeInKiB").intValue();
        settingsUpdates.update(StreamReference.resolve(request, settings), s -> s.withMaxRecordSizeKiB(kib), true);
        return Action.done(Response.EMPTY);
    }
}
