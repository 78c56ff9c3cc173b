package wildrydes.tables.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.IndexDefinition;
import wildrydes.tables.KeySchema;
import wildrydes.tables.TableDefinition;
import wildrydes.tables.TableView;
import wildrydes.tables.TablesService;
import wildrydes.tables.Throughput;

/** CreateTable: a new table, CREATING for a moment, then ACTIVE. */
final class CreateTable implements TablesAction {
    private static Field index(String name, boolean global) {
        List<Field> members = new ArrayList<>(List.of(Field.string("IndexName").notNull().pattern(Fields.NAME_PATTERN).length(3, 255),
                Fields.keySchema(false), Fields.projection()));
        if (global) {
            members.add(Fields.provisionedThroughput("ProvisionedThroughput"));
        }
        return Field.list(name, Field.struct("member", global ? "GlobalSecondaryIndex" : "LocalSecondaryIndex",
                members.toArray(Field[]::new)));
    }

    private static final Map<String, Field> FIELDS = Fields.of(
            Field.list("AttributeDefinitions", Field.struct("member", "AttributeDefinition",
                    Field.string("AttributeName").notNull().length(1, 255),
                    Field.string("AttributeType").notNull().oneOf("B", "N", "S"))).notNull(),
            Fields.tableNameRequired(), Field.string("BillingMode").oneOf("PROVISIONED", "PAY_PER_REQUEST"),
            Fields.provisionedThroughput("ProvisionedThroughput"), Fields.keySchema(true), index("LocalSecondaryIndexes", false),
            index("GlobalSecondaryIndexes", true), Fields.tags(), Field.bool("DeletionProtectionEnabled"),
            Field.string("TableClass").oneOf("STANDARD", "STANDARD_INFREQUENT_ACCESS"),
            Field.struct("StreamSpecification", "StreamSpecification", Field.bool("StreamEnabled").notNull(),
                    Field.string("StreamViewType").oneOf("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY")));

    private final TablesService service;

    CreateTable(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "CreateTable";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        TableSchemas.Checked schema = TableSchemas.check(r);
        Map<String, Object> stream = r.struct("StreamSpecification");
        if (stream != null && Boolean.TRUE.equals(stream.get("StreamEnabled"))) {
            throw wildrydes.tables.TablesException.validation("StreamSpecification: DynamoDB Streams are not supported by this server; "
                    + "create the table without StreamEnabled");
        }
        List<TableDefinition.Tag> tags = new ArrayList<>();
        if (r.has("Tags")) {
            for (Object o : r.list("Tags")) {
                Request t = Request.of(o);
                tags.add(new TableDefinition.Tag(t.string("Key"), t.string("Value")));
            }
        }
        boolean onDemand = "PAY_PER_REQUEST".equals(r.string("BillingMode"));
        Throughput throughput = onDemand ? Throughput.ON_DEMAND : TableSchemas.throughput(r.struct("ProvisionedThroughput"));
        TableDefinition proposal = new TableDefinition(r.string("TableName"), null, 0, schema.attributes(), schema.key(), onDemand, 0,
                throughput, schema.indexes(), "CREATING", tags, null, "DISABLED", false, 0, r.bool("DeletionProtectionEnabled"),
                r.string("TableClass"));
        return service.createTable(proposal).thenApply(d -> out -> {
            out.writeStartObject();
            out.writeFieldName("TableDescription");
            TableDescriptions.write(out, new TableView(d, 0, 0, Map.of()), service.settings());
            out.writeEndObject();
        });
    }

    /** The key schema of a table or index from its KeySchema list (types from the attribute definitions). */
    static KeySchema keySchema(List<Object> elements, Map<String, String> types) {
        Request hash = Request.of(elements.get(0));
        Request range = elements.size() > 1 ? Request.of(elements.get(1)) : null;
        String hashName = hash.string("AttributeName");
        String rangeName = range == null ? null : range.string("AttributeName");
        return new KeySchema(hashName, types.get(hashName), rangeName, rangeName == null ? null : types.get(rangeName));
    }

    static IndexDefinition index(Request i, boolean global, Map<String, String> types) {
        Request projection = Request.of(i.struct("Projection"));
        List<String> nonKey = projection.has("NonKeyAttributes") ? projection.list("NonKeyAttributes").stream().map(String.class::cast).toList()
                : null;
        Throughput t = i.has("ProvisionedThroughput") ? TableSchemas.throughput(i.struct("ProvisionedThroughput")) : null;
        return new IndexDefinition(i.string("IndexName"), global, keySchema(i.list("KeySchema"), types), projection.string("ProjectionType"),
                nonKey, t, "CREATING", 0);
    }
}
