package wildrydes.tables.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import wildrydes.tables.ReadRequests;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.item.AttributeValue;

/** What Query and Scan share: ExclusiveStartKey, Select with a projection, and the page they answer. */
final class ReadParams {
    private ReadParams() {
    }

    /** ExclusiveStartKey, with DynamoDB's prefix on most of its value errors. */
    static Map<String, AttributeValue> exclusiveStartKey(Request r) {
        try {
            return r.attributes("ExclusiveStartKey");
        } catch (TablesException e) {
            String m = e.getMessage();
            boolean bare = m.matches(".*(contains duplicates|number set|numeric value|significant digits|number with magnitude).*");
            throw bare ? e : TablesException.validation("The provided starting key is invalid: " + m);
        }
    }

    static void checkSelect(Request r, List<DocPath> projection, boolean expression) {
        String select = r.string("Select");
        if (select == null) {
            return;
        }
        if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw TablesException.validation("One or more parameter values were invalid: Cannot specify the "
                    + (expression ? "ProjectionExpression" : "AttributesToGet") + " when choosing to get " + select);
        }
        if (projection == null && select.equals("SPECIFIC_ATTRIBUTES")) {
            throw TablesException.validation("One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires "
                    + "either AttributesToGet or ProjectionExpression");
        }
    }

    static Reply page(TablesService service, Request r, ReadRequests.Page page) {
        return out -> {
            out.writeStartObject();
            if (page.items() != null) {
                out.writeArrayFieldStart("Items");
                for (Map<String, AttributeValue> item : page.items()) {
                    AttributeValues.writeItem(out, item);
                }
                out.writeEndArray();
            }
            out.writeNumberField("Count", page.count());
            out.writeNumberField("ScannedCount", page.scannedCount());
            lastKey(out, page.lastEvaluatedKey());
            Replies.consumed(out, service, r, page.consumed());
            out.writeEndObject();
        };
    }

    private static void lastKey(JsonGenerator out, Map<String, AttributeValue> key) throws IOException {
        if (key != null) {
            out.writeFieldName("LastEvaluatedKey");
            AttributeValues.writeItem(out, key);
        }
    }
}
