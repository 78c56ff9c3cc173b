package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.ResponseWriter;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.storage.StoredRecord;
import wildrydes.stream.RecordsPage;
import wildrydes.stream.Shard;
import wildrydes.stream.StreamService;

public final class GetRecords implements Action {
    private static final Shape INPUT = Shape.structure(
            required("ShardIterator", Shape.string().length(1, 512)),
            optional("Limit", Shape.integer().range(1, 10000)),
            optional("StreamARN", Shapes.STREAM_ARN));

    private final StreamService service;

    public GetRecords(StreamService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetRecords";
    }

    @Override
    public Shape input() {
        return INPUT;
    }

    @Override
    public CompletableFuture<Response> execute(Struct request) {
        RecordsPage page = service.getRecords(request.string("ShardIterator"), request.intValue("Limit", 10000));
        return Action.done(w -> write(w, page));
    }

    private static void write(ResponseWriter w, RecordsPage page) {
        w.startObject().startArray("Records");
        String encryption = page.stream().settings().encryptionType();
        boolean encrypted = !encryption.equals("NONE");
        for (StoredRecord record : page.records()) {
            w.startObject()
                    .string("SequenceNumber", page.stream().sequenceNumber(page.shard(), record.sequence()))
                    .timestamp("ApproximateArrivalTimestamp", record.arrivalMillis())
                    .blob("Data", record.data())
                    .string("PartitionKey", record.partitionKey())
                    .string("EncryptionType", encrypted ? encryption : null)
                    .endObject();
        }
        w.endArray();
        w.string("NextShardIterator", page.nextShardIterator());
        w.number("MillisBehindLatest", page.millisBehindLatest());
        if (!page.childShards().isEmpty()) {
            w.startArray("ChildShards");
            for (Shard child : page.childShards()) {
                w.startObject().string("ShardId", child.id()).startArray("ParentShards");
                w.stringValue(child.parentShardId());
                if (child.adjacentParentShardId() != null) {
                    w.stringValue(child.adjacentParentShardId());
                }
                w.endArray();
                StreamViews.hashKeyRange(w, child);
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
    }
}
