package wildrydes.tables.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.BatchRequests;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.item.AttributeValue;

/** BatchGetItem: up to 100 items by key across tables. */
final class BatchGetItem implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Fields.returnConsumedCapacity(),
            Field.map("RequestItems", "KeysAndAttributes", Field.struct("member", "KeysAndAttributes",
                    Field.list("Keys", Field.attributeMap("member")).notNull().length(1, 100).newStyle(),
                    Fields.attributesToGet(), Field.bool("ConsistentRead"), Field.string("ProjectionExpression"),
                    Fields.expressionAttributeNames()))
                    .keys(Field.string("key").length(3, 255).pattern(Fields.NAME_PATTERN)));

    private final TablesService service;

    BatchGetItem(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "BatchGetItem";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public String tableOf(Request request) {
        Map<String, Object> items = request.map("RequestItems");
        return items != null && items.size() == 1 ? items.keySet().iterator().next() : null;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        Map<String, Object> raw = r.map("RequestItems");
        if (raw == null || raw.isEmpty()) {
            throw TablesException.validation("The requestItems parameter is required for BatchGetItem");
        }
        Map<String, BatchRequests.TableKeys> requests = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Request t = Request.of(e.getValue());
            Expressions.checkParams(t, List.of("ProjectionExpression"), List.of("AttributesToGet"));
            List<DocPath> toGet = Expressions.attributesToGet(t);
            Expressions.Parsed parsed = Expressions.parse(t);
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            Set<Map<String, AttributeValue>> seen = new HashSet<>();
            for (Object k : t.list("Keys")) {
                Map<String, AttributeValue> key = AttributeValues.map(k);
                if (!seen.add(key)) {
                    throw TablesException.validation("Provided list of item keys contains duplicates");
                }
                keys.add(key);
                if (++total > 100) {
                    throw TablesException.validation("Too many items requested for the BatchGetItem call");
                }
            }
            requests.put(Fields.table(e.getKey()), new BatchRequests.TableKeys(keys,
                    parsed.projection() != null ? parsed.projection() : toGet, t.bool("ConsistentRead")));
        }
        return service.batchGetItem(requests).thenApply(result -> out -> {
            out.writeStartObject();
            out.writeObjectFieldStart("Responses");
            for (Map.Entry<String, List<Map<String, AttributeValue>>> e : result.items().entrySet()) {
                out.writeArrayFieldStart(e.getKey());
                for (Map<String, AttributeValue> item : e.getValue()) {
                    AttributeValues.writeItem(out, item);
                }
                out.writeEndArray();
            }
            out.writeEndObject();
            out.writeObjectFieldStart("UnprocessedKeys");
            out.writeEndObject();
            Replies.consumedList(out, service, r, result.consumed());
            out.writeEndObject();
        });
    }
}
