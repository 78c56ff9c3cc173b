package wildrydes.api;

import static wildrydes.protocol.Member.optional;
import static wildrydes.protocol.Member.required;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.ResponseWriter;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;
import wildrydes.stream.DataPlane;
import wildrydes.stream.RecordsPage;

public final class GetRecords implements Action {
    private static final Shape INPUT = Shape.structure(
            required("ShardIterator", Shape.string().length(1, 512)),
            optional("Limit", Shape.integer().range(1, 10000)),
            optional("StreamARN", Shapes.STREAM_ARN));

    private final DataPlane dataPlane;

    public GetRecords(DataPlane dataPlane) {
        this.dataPlane = dataPlane;
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
        RecordsPage page = dataPlane.getRecords(request.string("ShardIterator"), request.intValue("Limit", 10000));
        return Action.done(Response.sized(StreamViews.recordsSizeHint(page.records()), w -> write(w, page)));
    }

    private static void write(ResponseWriter w, RecordsPage page) {
        w.startObject();
        StreamViews.records(w, page.records());
        w.string("NextShardIterator", page.nextShardIterator());
        w.number("MillisBehindLatest", page.millisBehindLatest());
        if (!page.childShards().isEmpty()) {
            StreamViews.childShards(w, page.childShards());
        }
        w.endObject();
    }
}
