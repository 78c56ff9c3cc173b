package wildrydes.tables.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.BatchRequests;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.Values;

/** BatchWriteItem: up to 25 puts and deletes across tables; each table's share commits together. */
final class BatchWriteItem implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Fields.returnConsumedCapacity(), Fields.returnItemCollectionMetrics(),
            Field.map("RequestItems", "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>",
                    Field.list("member", Field.struct("member", "WriteRequest",
                            Field.struct("DeleteRequest", "DeleteRequest", Fields.key()),
                            Field.struct("PutRequest", "PutRequest", Field.attributeMap("Item").notNull()))))
                    .keys(Field.string("key").length(3, 255).pattern(Fields.NAME_PATTERN)).valueLength(1, 25));

    private final TablesService service;

    BatchWriteItem(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "BatchWriteItem";
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
            throw TablesException.validation("The requestItems parameter is required for BatchWriteItem");
        }
        Map<String, List<BatchRequests.WriteRequest>> requests = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) e.getValue();
            List<BatchRequests.WriteRequest> table = new ArrayList<>();
            for (Object o : list) {
                if (o == null || (!Request.of(o).has("PutRequest") && !Request.of(o).has("DeleteRequest"))) {
                    throw TablesException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one "
                            + "of the supported datatypes");
                }
            }
            for (Object o : list) {
                Request w = Request.of(o);
                if (w.has("PutRequest")) {
                    Map<String, AttributeValue> item = Request.of(w.struct("PutRequest")).attributes("Item");
                    if (Values.itemSize(item) > Values.MAX_ITEM_BYTES) {
                        throw TablesException.validation("Item size has exceeded the maximum allowed size");
                    }
                    table.add(new BatchRequests.WriteRequest(item, null));
                } else {
                    table.add(new BatchRequests.WriteRequest(null, Request.of(w.struct("DeleteRequest")).attributes("Key")));
                }
            }
            requests.put(Fields.table(e.getKey()), table);
        }
        return service.batchWriteItem(requests).thenApply(consumed -> out -> {
            out.writeStartObject();
            out.writeObjectFieldStart("UnprocessedItems");
            out.writeEndObject();
            Replies.consumedList(out, service, r, consumed);
            out.writeEndObject();
        });
    }
}
