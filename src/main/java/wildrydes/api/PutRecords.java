package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.DataPlane;
import wildrydes.stream.PutEntry;
import wildrydes.stream.PutEntryResult;
import wildrydes.stream.SequenceNumbers;
import wildrydes.stream.StreamRegistry;

public final class PutRecords implements Action {
    private static final Shape ENTRY = Shape.structure(
            required("Data", Shapes.DATA),
            optional("ExplicitHashKey", Shapes.HASH_KEY),
            required("PartitionKey", Shapes.PARTITION_KEY));
    private static final Shape INPUT = Shapes.withStream(
            required("Records", Shape.list(ENTRY).length(1, 500)));

    private final StreamRegistry streams;
    private final DataPlane dataPlane;

    public PutRecords(StreamRegistry streams, DataPlane dataPlane) {
        this.streams = streams;
        this.dataPlane = dataPlane;
    }

    @Override
    public String name() {
        return "PutRecords";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        String stream = StreamReference.resolve(request, streams.settings());
        List<Struct> records = request.list("Records");
        List<PutEntry> entries = new ArrayList<>(records.size());
        for (Struct record : records) {
            entries.add(new PutEntry(record.string("PartitionKey"), record.string("ExplicitHashKey"), record.blob("Data")));
        }
        return dataPlane.putRecords(stream, entries)
                .thenApply(results -> response(results, streams.stream(stream).settings().encryptionType()));
    }

    private static Response response(List<PutEntryResult> results, String encryptionType) {
        int failed = 0;
        for (PutEntryResult result : results) {
            if (result.failed()) {
                failed++;
            }
        }
        int failedCount = failed;
        return Response.sized(results.size() * 120 + 128, w -> {
            w.startObject();
            w.number("FailedRecordCount", failedCount);
            w.startArray("Records");
            byte[] sequenceNumber = new byte[SequenceNumbers.LENGTH];
            for (PutEntryResult result : results) {
                w.startObject();
                if (result.failed()) {
                    w.string("ErrorCode", result.errorCode().name()).string("ErrorMessage", result.errorMessage());
                } else {
                    result.result().sequenceDigits(sequenceNumber);
                    w.asciiString("SequenceNumber", sequenceNumber, 0, sequenceNumber.length).string("ShardId", result.result().shardId());
                }
                w.endObject();
            }
            w.endArray();
            w.string("EncryptionType", encryptionType.equals("NONE") ? null : encryptionType);
            w.endObject();
        });
    }
}
