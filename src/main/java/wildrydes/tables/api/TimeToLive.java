package wildrydes.tables.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.TableDefinition;
import wildrydes.tables.TablesService;

/** UpdateTimeToLive and DescribeTimeToLive: expiry of items by an epoch-seconds attribute. */
final class TimeToLive {
    private TimeToLive() {
    }

    static TablesAction update(TablesService service) {
        return new BaseAction("UpdateTimeToLive", service, Fields.tableNameRequired(),
                Field.struct("TimeToLiveSpecification", "TimeToLiveSpecification", Field.bool("Enabled").notNull(),
                        Field.string("AttributeName").notNull().length(1, 255)).notNull()) {
            @Override
            public CompletableFuture<Reply> execute(Request r) {
                Map<String, Object> spec = r.struct("TimeToLiveSpecification");
                boolean enabled = Boolean.TRUE.equals(spec.get("Enabled"));
                String attribute = (String) spec.get("AttributeName");
                return service.updateTimeToLive(Fields.table(r.string("TableName")), attribute, enabled).thenApply(d -> out -> {
                    out.writeStartObject();
                    out.writeObjectFieldStart("TimeToLiveSpecification");
                    out.writeBooleanField("Enabled", enabled);
                    out.writeStringField("AttributeName", attribute);
                    out.writeEndObject();
                    out.writeEndObject();
                });
            }
        };
    }

    static TablesAction describe(TablesService service) {
        return new BaseAction("DescribeTimeToLive", service, Fields.tableNameRequired()) {
            @Override
            public CompletableFuture<Reply> execute(Request r) {
                TableDefinition d = service.describeTimeToLive(Fields.table(r.string("TableName")));
                return CompletableFuture.completedFuture(out -> {
                    out.writeStartObject();
                    out.writeObjectFieldStart("TimeToLiveDescription");
                    out.writeStringField("TimeToLiveStatus", "ENABLED".equals(d.ttlStatus()) ? "ENABLED" : "DISABLED");
                    if ("ENABLED".equals(d.ttlStatus())) {
                        out.writeStringField("AttributeName", d.ttlAttribute());
                    }
                    out.writeEndObject();
                    out.writeEndObject();
                });
            }
        };
    }
}
