package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.protocol.Timestamp;
import wildrydes.stream.ShardIteratorType;
import wildrydes.stream.StreamService;

public final class GetShardIterator implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("ShardId", Shapes.SHARD_ID),
            required("ShardIteratorType", Shape.string().oneOf("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON",
                    "LATEST", "AT_TIMESTAMP")),
            optional("StartingSequenceNumber", Shapes.SEQUENCE_NUMBER),
            optional("Timestamp", Shape.timestamp()));

    private final StreamService service;

    public GetShardIterator(StreamService service) {
        this.service = service;
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
        String stream = StreamReference.resolve(request, service.settings());
        Timestamp timestamp = request.timestamp("Timestamp");
        String iterator = service.getShardIterator(stream, request.string("ShardId"),
                ShardIteratorType.valueOf(request.string("ShardIteratorType")), request.string("StartingSequenceNumber"),
                timestamp == null ? null : timestamp.epochMillis());
        return Action.done(w -> w.startObject().string("ShardIterator", iterator).endObject());
    }
}
