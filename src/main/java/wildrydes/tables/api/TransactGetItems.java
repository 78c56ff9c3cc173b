package wildrydes.tables.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.ItemRequests;
import wildrydes.tables.TablesService;
import wildrydes.tables.item.AttributeValue;

/** TransactGetItems: up to 100 items read together. */
final class TransactGetItems implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Field.list("TransactItems", Field.struct("member", "TransactGetItem",
                    Field.struct("Get", "Get", Fields.key(), Fields.tableName(), Field.string("ProjectionExpression"),
                            Fields.expressionAttributeNames()).notNull())).notNull().length(1, 100),
            Fields.returnConsumedCapacity());

    private final TablesService service;

    TransactGetItems(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "TransactGetItems";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        List<ItemRequests.Get> gets = new ArrayList<>();
        for (Object o : r.list("TransactItems")) {
            Request get = Request.of(Request.of(o).struct("Get"));
            Expressions.checkParams(get, List.of("ProjectionExpression"), List.of());
            var key = get.attributes("Key");
            Expressions.Parsed parsed = Expressions.parse(get);
            gets.add(new ItemRequests.Get(Fields.table(get.string("TableName")), key, parsed.projection(), true));
        }
        return service.transactGetItems(gets).thenApply(items -> out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("Responses");
            for (Map<String, AttributeValue> item : items) {
                out.writeStartObject();
                if (item != null) {
                    out.writeFieldName("Item");
                    AttributeValues.writeItem(out, item);
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }
}
