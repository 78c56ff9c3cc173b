package wildrydes.tables.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.TableDefinition;
import wildrydes.tables.TablesService;

/**
 * UpdateContinuousBackups and DescribeContinuousBackups: the point-in-time recovery setting is
 * kept and reported (every table here is durable on disk; restores are not offered).
 */
final class ContinuousBackups {
    private ContinuousBackups() {
    }

    static TablesAction update(TablesService service) {
        return new BaseAction("UpdateContinuousBackups", service, Fields.tableNameRequired(),
                Field.struct("PointInTimeRecoverySpecification", "PointInTimeRecoverySpecification",
                        Field.bool("PointInTimeRecoveryEnabled").notNull(), Field.integer("RecoveryPeriodInDays").range(1, 35)).notNull()) {
            @Override
            public CompletableFuture<Reply> execute(Request r) {
                Map<String, Object> spec = r.struct("PointInTimeRecoverySpecification");
                boolean enabled = Boolean.TRUE.equals(spec.get("PointInTimeRecoveryEnabled"));
                return service.updateContinuousBackups(Fields.table(r.string("TableName")), enabled)
                        .thenApply(d -> out -> write(out, d, service.settings().clock().millis()));
            }
        };
    }

    static TablesAction describe(TablesService service) {
        return new BaseAction("DescribeContinuousBackups", service, Fields.tableNameRequired()) {
            @Override
            public CompletableFuture<Reply> execute(Request r) {
                TableDefinition d = service.describeContinuousBackups(Fields.table(r.string("TableName")));
                long now = service.settings().clock().millis();
                return CompletableFuture.completedFuture(out -> write(out, d, now));
            }
        };
    }

    private static void write(JsonGenerator out, TableDefinition d, long now) throws IOException {
        out.writeStartObject();
        out.writeObjectFieldStart("ContinuousBackupsDescription");
        out.writeStringField("ContinuousBackupsStatus", "ENABLED");
        out.writeObjectFieldStart("PointInTimeRecoveryDescription");
        out.writeStringField("PointInTimeRecoveryStatus", d.pointInTimeRecovery() ? "ENABLED" : "DISABLED");
        if (d.pointInTimeRecovery()) {
            out.writeNumberField("RecoveryPeriodInDays", 35);
            out.writeNumberField("EarliestRestorableDateTime", d.pointInTimeRecoverySinceMillis() / 1000.0);
            out.writeNumberField("LatestRestorableDateTime", now / 1000.0);
        }
        out.writeEndObject();
        out.writeEndObject();
        out.writeEndObject();
    }
}
