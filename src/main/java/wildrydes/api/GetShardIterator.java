package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.protocol.Timestamp;
import wildrydes.stream.DataPlane;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.ShardIteratorType;

public final class GetShardIterator implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("ShardId", Shapes.SHARD_ID),
            required("ShardIteratorType", Shape.string().oneOf("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON",
                    "LATEST", "AT_TIMESTAMP")),
            optional("StartingSequenceNumber", Shapes.SEQUENCE_NUMBER),
            optional("Timestamp", Shape.timestamp()));

    private final DataPlane dataPlane;
    private final ServiceSettings settings;

    public GetShardIterator(DataPlane dataPlane, ServiceSettings settings) {
        this.dataPlane = dataPlane;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "GetShardIterator";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        String stream = StreamReference.resolve(request, settings);
        Timestamp timestamp = request.timestamp("Timestamp");
        String iterator = dataPlane.getShardIterator(stream, request.string("ShardId"),
                ShardIteratorType.valueOf(request.string("ShardIteratorType")), request.string("StartingSequenceNumber"),
                timestamp == null ? null : timestamp.epochMillis());
        return Action.done(w -> w.startObject().string("ShardIterator", iterator).endObject());
    }
}
