package wildrydes.tables.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.IndexDefinition;
import wildrydes.tables.TableChange;
import wildrydes.tables.TableDefinition;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.Throughput;

/** UpdateTable: billing mode, capacity, global secondary indexes (create, update, delete), deletion protection, table class. */
final class UpdateTable extends BaseAction {
    private static final String INVALID = "One or more parameter values were invalid: ";

    UpdateTable(TablesService service) {
        super("UpdateTable", service,
                Field.list("AttributeDefinitions", Field.struct("member", "AttributeDefinition",
                        Field.string("AttributeName").notNull().length(1, 255),
                        Field.string("AttributeType").notNull().oneOf("B", "N", "S"))),
                Fields.tableNameRequired(), Fields.provisionedThroughput("ProvisionedThroughput"),
                Field.string("BillingMode").oneOf("PROVISIONED", "PAY_PER_REQUEST"),
                Field.list("GlobalSecondaryIndexUpdates", Field.struct("member", "GlobalSecondaryIndexUpdate",
                        Field.struct("Update", "UpdateGlobalSecondaryIndexAction",
                                Field.string("IndexName").notNull().pattern(Fields.NAME_PATTERN).length(3, 255),
                                Fields.provisionedThroughput("ProvisionedThroughput").notNull()),
                        Field.struct("Create", "CreateGlobalSecondaryIndexAction",
                                Field.string("IndexName").notNull().pattern(Fields.NAME_PATTERN).length(3, 255),
                                Fields.keySchema(false), Fields.projection(), Fields.provisionedThroughput("ProvisionedThroughput")),
                        Field.struct("Delete", "DeleteGlobalSecondaryIndexAction",
                                Field.string("IndexName").notNull().pattern(Fields.NAME_PATTERN).length(3, 255)))),
                Field.bool("DeletionProtectionEnabled"), Field.string("TableClass").oneOf("STANDARD", "STANDARD_INFREQUENT_ACCESS"),
                Field.struct("StreamSpecification", "StreamSpecification", Field.bool("StreamEnabled").notNull(),
                        Field.string("StreamViewType")),
                Field.struct("SSESpecification", "SSESpecification", Field.bool("Enabled")));
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        List<Object> updates = r.list("GlobalSecondaryIndexUpdates");
        boolean anything = r.has("ProvisionedThroughput") || r.has("BillingMode") || r.has("StreamSpecification")
                || (updates != null && !updates.isEmpty()) || r.has("SSESpecification") || r.has("DeletionProtectionEnabled")
                || r.has("TableClass");
        if (!anything) {
            throw TablesException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        if ("PROVISIONED".equals(r.string("BillingMode")) && !r.has("ProvisionedThroughput")) {
            throw TablesException.validation(INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
        }
        Map<String, Object> stream = r.struct("StreamSpecification");
        if (stream != null && Boolean.TRUE.equals(stream.get("StreamEnabled"))) {
            throw TablesException.validation("StreamSpecification: DynamoDB Streams are not supported by this server");
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<TableDefinition.AttributeDefinition> attributes = new ArrayList<>();
        if (r.has("AttributeDefinitions")) {
            for (Object o : r.list("AttributeDefinitions")) {
                Request a = Request.of(o);
                types.put(a.string("AttributeName"), a.string("AttributeType"));
                attributes.add(new TableDefinition.AttributeDefinition(a.string("AttributeName"), a.string("AttributeType")));
            }
        }
        List<TableChange.IndexChange> changes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Object o : updates == null ? List.of() : updates) {
            Request u = Request.of(o);
            String action = u.has("Create") ? "Create" : u.has("Update") ? "Update" : u.has("Delete") ? "Delete" : null;
            if (action == null) {
                throw TablesException.validation(INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                        + "GlobalSecondaryIndexUpdate.Delete must not be null");
            }
            Request a = Request.of(u.struct(action));
            String name = a.string("IndexName");
            if (!names.add(name)) {
                throw TablesException.validation(INVALID + "Only one global secondary index update per index is allowed simultaneously. "
                        + "Index: " + name);
            }
            IndexDefinition created = action.equals("Create") ? CreateTable.index(a, true, types) : null;
            Throughput throughput = a.has("ProvisionedThroughput") ? TableSchemas.throughput(a.struct("ProvisionedThroughput")) : null;
            changes.add(new TableChange.IndexChange(action, name, created, throughput));
        }
        Throughput throughput = r.has("ProvisionedThroughput") ? TableSchemas.throughput(r.struct("ProvisionedThroughput")) : null;
        TableChange change = new TableChange(Fields.table(r.string("TableName")), r.string("BillingMode"), throughput, changes, attributes,
                r.optionalBool("DeletionProtectionEnabled"), r.string("TableClass"));
        return service.updateTable(change).thenApply(view -> out -> {
            out.writeStartObject();
            out.writeFieldName("TableDescription");
            TableDescriptions.write(out, view, service.settings());
            out.writeEndObject();
        });
    }
}
