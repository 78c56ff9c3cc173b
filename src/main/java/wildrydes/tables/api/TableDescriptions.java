package wildrydes.tables.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import wildrydes.tables.IndexDefinition;
import wildrydes.tables.KeySchema;
import wildrydes.tables.TableDefinition;
import wildrydes.tables.TableView;
import wildrydes.tables.TablesSettings;
import wildrydes.tables.Throughput;

/** A TableDescription as DescribeTable, CreateTable, UpdateTable and DeleteTable answer it. */
final class TableDescriptions {
    private TableDescriptions() {
    }

    static void write(JsonGenerator out, TableView view, TablesSettings settings) throws IOException {
        TableDefinition d = view.definition();
        String arn = settings.tableArn(d.name());
        out.writeStartObject();
        out.writeArrayFieldStart("AttributeDefinitions");
        for (TableDefinition.AttributeDefinition a : d.attributes()) {
            out.writeStartObject();
            out.writeStringField("AttributeName", a.name());
            out.writeStringField("AttributeType", a.type());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeStringField("TableName", d.name());
        keySchema(out, d.key());
        out.writeStringField("TableStatus", d.status());
        out.writeNumberField("CreationDateTime", d.createdMillis() / 1000.0);
        throughput(out, d.throughput());
        out.writeNumberField("TableSizeBytes", view.sizeBytes());
        out.writeNumberField("ItemCount", view.itemCount());
        out.writeStringField("TableArn", arn);
        out.writeStringField("TableId", d.id());
        if (d.onDemand() || d.onDemandSinceMillis() > 0) {
            out.writeObjectFieldStart("BillingModeSummary");
            out.writeStringField("BillingMode", d.onDemand() ? "PAY_PER_REQUEST" : "PROVISIONED");
            if (d.onDemandSinceMillis() > 0) {
                out.writeNumberField("LastUpdateToPayPerRequestDateTime", d.onDemandSinceMillis() / 1000.0);
            }
            out.writeEndObject();
        }
        indexes(out, view, arn, false);
        indexes(out, view, arn, true);
        if (d.tableClass() != null) {
            out.writeObjectFieldStart("TableClassSummary");
            out.writeStringField("TableClass", d.tableClass());
            out.writeEndObject();
        }
        out.writeBooleanField("DeletionProtectionEnabled", d.deletionProtection());
        out.writeEndObject();
    }

    private static void indexes(JsonGenerator out, TableView view, String tableArn, boolean global) throws IOException {
        var indexes = global ? view.definition().globalIndexes() : view.definition().localIndexes();
        if (indexes.isEmpty()) {
            return;
        }
        out.writeArrayFieldStart(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
        for (IndexDefinition i : indexes) {
            out.writeStartObject();
            out.writeStringField("IndexName", i.name());
            keySchema(out, i.key());
            out.writeObjectFieldStart("Projection");
            out.writeStringField("ProjectionType", i.projectionType());
            if (i.nonKeyAttributes() != null && !i.nonKeyAttributes().isEmpty()) {
                out.writeArrayFieldStart("NonKeyAttributes");
                for (String a : i.nonKeyAttributes()) {
                    out.writeString(a);
                }
                out.writeEndArray();
            }
            out.writeEndObject();
            if (global) {
                out.writeStringField("IndexStatus", i.status());
                if (i.status().equals("CREATING")) {
                    out.writeBooleanField("Backfilling", false);
                }
                throughput(out, i.throughput());
            }
            out.writeNumberField("IndexSizeBytes", 0);
            out.writeNumberField("ItemCount", view.indexItemCounts().getOrDefault(i.name(), 0L));
            out.writeStringField("IndexArn", tableArn + "/index/" + i.name());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    static void keySchema(JsonGenerator out, KeySchema key) throws IOException {
        out.writeArrayFieldStart("KeySchema");
        element(out, key.hashName(), "HASH");
        if (key.hasRange()) {
            element(out, key.rangeName(), "RANGE");
        }
        out.writeEndArray();
    }

    private static void element(JsonGenerator out, String name, String type) throws IOException {
        out.writeStartObject();
        out.writeStringField("AttributeName", name);
        out.writeStringField("KeyType", type);
        out.writeEndObject();
    }

    private static void throughput(JsonGenerator out, Throughput t) throws IOException {
        Throughput throughput = t == null ? Throughput.ON_DEMAND : t;
        out.writeObjectFieldStart("ProvisionedThroughput");
        if (throughput.lastIncreaseMillis() > 0) {
            out.writeNumberField("LastIncreaseDateTime", throughput.lastIncreaseMillis() / 1000.0);
        }
        if (throughput.lastDecreaseMillis() > 0) {
            out.writeNumberField("LastDecreaseDateTime", throughput.lastDecreaseMillis() / 1000.0);
        }
        out.writeNumberField("NumberOfDecreasesToday", throughput.decreasesToday());
        out.writeNumberField("ReadCapacityUnits", throughput.read());
        out.writeNumberField("WriteCapacityUnits", throughput.write());
        out.writeEndObject();
    }
}
