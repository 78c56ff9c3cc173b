package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.ItemRequests;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.Values;

/** PutItem: stores an item whole, if its condition holds. */
final class PutItem implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Fields.returnConsumedCapacity(), Fields.tableName(), Field.attributeMap("Item").notNull(), Fields.conditionalOperator(),
            Fields.expected(), Fields.returnValues(), Fields.returnItemCollectionMetrics(), Field.string("ConditionExpression"),
            Fields.expressionAttributeValues(), Fields.expressionAttributeNames(), Fields.returnValuesOnConditionCheckFailure());

    private final TablesService service;

    PutItem(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "PutItem";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        Expressions.checkParams(r, List.of("ConditionExpression"), List.of("Expected"));
        Map<String, AttributeValue> item = r.attributes("Item");
        String returnValues = r.string("ReturnValues");
        if (returnValues != null && !returnValues.equals("ALL_OLD") && !returnValues.equals("NONE")) {
            throw TablesException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        if (Values.itemSize(item) > Values.MAX_ITEM_BYTES) {
            throw TablesException.validation("Item size has exceeded the maximum allowed size");
        }
        Condition expected = LegacyParams.expected(r);
        Expressions.Parsed parsed = Expressions.parse(r);
        Condition condition = parsed.condition() != null ? parsed.condition().condition() : expected;
        ItemRequests.Put put = new ItemRequests.Put(Fields.table(r.string("TableName")), item, condition, returnValues,
                "ALL_OLD".equals(r.string("ReturnValuesOnConditionCheckFailure")));
        return service.putItem(put).thenApply(written -> out -> {
            out.writeStartObject();
            Replies.attributes(out, written.attributes());
            Replies.consumed(out, service, r, written.consumed());
            out.writeEndObject();
        });
    }
}
