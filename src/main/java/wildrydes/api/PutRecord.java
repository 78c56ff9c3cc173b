package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.DataPlane;
import wildrydes.stream.PutEntry;
import wildrydes.stream.PutResult;
import wildrydes.stream.StreamRegistry;

public final class PutRecord implements Action {
    private static final Shape INPUT = Shapes.withStream(
            required("Data", Shapes.DATA),
            required("PartitionKey", Shapes.PARTITION_KEY),
            optional("ExplicitHashKey", Shapes.HASH_KEY),
            optional("SequenceNumberForOrdering", Shapes.SEQUENCE_NUMBER));

    private final StreamRegistry streams;
    private final DataPlane dataPlane;

    public PutRecord(StreamRegistry streams, DataPlane dataPlane) {
        this.streams = streams;
        this.dataPlane = dataPlane;
    }

    @Override
    public String name() {
        return "PutRecord";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        String stream = StreamReference.resolve(request, streams.settings());
        PutEntry entry = new PutEntry(request.string("PartitionKey"), request.string("ExplicitHashKey"), request.blob("Data"));
        return dataPlane.putRecord(stream, entry, request.string("SequenceNumberForOrdering"))
                .thenApply(result -> response(result, streams.stream(stream).settings().encryptionType()));
    }

    private static Response response(PutResult result, String encryptionType) {
        return w -> w.startObject()
                .string("ShardId", result.shardId())
                .string("SequenceNumber", result.sequenceNumber())
                .string("EncryptionType", encryptionType.equals("NONE") ? null : encryptionType)
                .endObject();
    }
}
