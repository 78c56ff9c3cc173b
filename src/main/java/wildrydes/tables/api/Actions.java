package wildrydes.tables.api;

import java.util.List;
import wildrydes.tables.TablesService;

/** Every DynamoDB operation this server answers. */
final class Actions {
    private Actions() {
    }

    static List<TablesAction> all(TablesService service) {
        return List.of(new CreateTable(service), new DescribeTable(service), new ListTables(service), new DeleteTable(service),
                new UpdateTable(service), new PutItem(service), new GetItem(service), new DeleteItem(service), new UpdateItem(service),
                new BatchWriteItem(service), new BatchGetItem(service), new Query(service), new Scan(service),
                new TransactWriteItems(service), new TransactGetItems(service), new TagResource(service), new UntagResource(service),
                new ListTagsOfResource(service), TimeToLive.update(service), TimeToLive.describe(service),
                ContinuousBackups.update(service), ContinuousBackups.describe(service), describeLimits(service));
    }

    /** DescribeLimits: AWS's default quotas. */
    private static TablesAction describeLimits(TablesService service) {
        return new BaseAction("DescribeLimits", service) {
            @Override
            public java.util.concurrent.CompletableFuture<Reply> execute(Request r) {
                return java.util.concurrent.CompletableFuture.completedFuture(out -> {
                    out.writeStartObject();
                    out.writeNumberField("AccountMaxReadCapacityUnits", 80000);
                    out.writeNumberField("AccountMaxWriteCapacityUnits", 80000);
                    out.writeNumberField("TableMaxReadCapacityUnits", 40000);
                    out.writeNumberField("TableMaxWriteCapacityUnits", 40000);
                    out.writeEndObject();
                });
            }
        };
    }
}
