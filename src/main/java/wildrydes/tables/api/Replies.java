package wildrydes.tables.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import wildrydes.tables.Consumed;
import wildrydes.tables.TablesService;

/** Parts of answers that several operations share. */
final class Replies {
    private Replies() {
    }

    /**
     * Counts the consumption in the metrics and writes {@code ConsumedCapacity} when the request
     * asked for it (TOTAL: the total; INDEXES: also per table and index).
     */
    static void consumed(JsonGenerator out, TablesService service, Request r, Consumed consumed) throws IOException {
        service.metrics().consumed(consumed);
        String mode = r.string("ReturnConsumedCapacity");
        if (consumed == null || mode == null || mode.equals("NONE")) {
            return;
        }
        out.writeFieldName("ConsumedCapacity");
        capacity(out, consumed, mode);
    }

    /** {@code ConsumedCapacity} as a list, for the batch operations and transactions. */
    static void consumedList(JsonGenerator out, TablesService service, Request r, List<Consumed> consumed) throws IOException {
        consumed.forEach(service.metrics()::consumed);
        String mode = r.string("ReturnConsumedCapacity");
        if (mode == null || mode.equals("NONE")) {
            return;
        }
        out.writeArrayFieldStart("ConsumedCapacity");
        for (Consumed c : consumed) {
            capacity(out, c, mode);
        }
        out.writeEndArray();
    }

    private static void capacity(JsonGenerator out, Consumed c, String mode) throws IOException {
        out.writeStartObject();
        out.writeStringField("TableName", c.table());
        out.writeNumberField("CapacityUnits", c.total());
        out.writeNumberField(c.write() ? "WriteCapacityUnits" : "ReadCapacityUnits", c.total());
        if (mode.equals("INDEXES")) {
            out.writeObjectFieldStart("Table");
            out.writeNumberField("CapacityUnits", c.tableUnits());
            out.writeNumberField(c.write() ? "WriteCapacityUnits" : "ReadCapacityUnits", c.tableUnits());
            out.writeEndObject();
            indexes(out, "GlobalSecondaryIndexes", c.globalIndexes(), c.write());
            indexes(out, "LocalSecondaryIndexes", c.localIndexes(), c.write());
        }
        out.writeEndObject();
    }

    private static void indexes(JsonGenerator out, String field, Map<String, Double> units, boolean write) throws IOException {
        if (units.isEmpty()) {
            return;
        }
        out.writeObjectFieldStart(field);
        for (Map.Entry<String, Double> e : units.entrySet()) {
            out.writeObjectFieldStart(e.getKey());
            out.writeNumberField("CapacityUnits", e.getValue());
            out.writeNumberField(write ? "WriteCapacityUnits" : "ReadCapacityUnits", e.getValue());
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    /** Attributes (ReturnValues) when there are any. */
    static void attributes(JsonGenerator out, Map<String, wildrydes.tables.item.AttributeValue> attributes) throws IOException {
        if (attributes != null) {
            out.writeFieldName("Attributes");
            AttributeValues.writeItem(out, attributes);
        }
    }
}
