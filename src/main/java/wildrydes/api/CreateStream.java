package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.StreamMode;
import wildrydes.stream.StreamRegistry;

public final class CreateStream implements Action {
    private static final Shape INPUT = Shape.structure(
            required("StreamName", Shapes.STREAM_NAME),
            optional("ShardCount", Shape.integer().min(1)),
            optional("StreamModeDetails", Shapes.STREAM_MODE_DETAILS),
            optional("Tags", Shape.map(Shapes.TAG_KEY, Shapes.TAG_VALUE).length(0, 50)),
            optional("WarmThroughputMiBps", Shape.integer().min(0)),
            optional("MaxRecordSizeInKiB", Shapes.MAX_RECORD_SIZE_KIB));

    private final StreamRegistry streams;

    public CreateStream(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "CreateStream";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        Struct modeDetails = request.struct("StreamModeDetails");
        StreamMode mode = modeDetails == null ? StreamMode.PROVISIONED : StreamMode.valueOf(modeDetails.string("StreamMode"));
        Long shardCount = request.longValue("ShardCount");
        streams.createStream(request.string("StreamName"), shardCount == null ? null : shardCount.intValue(), mode,
                tags(request.map("Tags")));
        return Action.done(Response.EMPTY);
    }

    static Map<String, String> tags(Map<String, Object> raw) {
        if (raw == null) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        raw.forEach((k, v) -> tags.put(k, v == null ? "" : (String) v));
        return tags;
    }
}
