package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.ItemRequests;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.Condition;

/** DeleteItem: removes an item by its key, if its condition holds. */
final class DeleteItem implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Fields.returnConsumedCapacity(), Fields.tableName(), Fields.returnValues(), Fields.returnItemCollectionMetrics(),
            Fields.key(), Fields.conditionalOperator(), Fields.expected(), Field.string("ConditionExpression"),
            Fields.expressionAttributeValues(), Fields.expressionAttributeNames(), Fields.returnValuesOnConditionCheckFailure());

    private final TablesService service;

    DeleteItem(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "DeleteItem";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        Expressions.checkParams(r, List.of("ConditionExpression"), List.of("Expected"));
        var key = r.attributes("Key");
        String returnValues = r.string("ReturnValues");
        if (returnValues != null && !returnValues.equals("ALL_OLD") && !returnValues.equals("NONE")) {
            throw TablesException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        Condition expected = LegacyParams.expected(r);
        Expressions.Parsed parsed = Expressions.parse(r);
        Condition condition = parsed.condition() != null ? parsed.condition().condition() : expected;
        ItemRequests.Delete delete = new ItemRequests.Delete(Fields.table(r.string("TableName")), key, condition, returnValues,
                "ALL_OLD".equals(r.string("ReturnValuesOnConditionCheckFailure")));
        return service.deleteItem(delete).thenApply(written -> out -> {
            out.writeStartObject();
            Replies.attributes(out, written.attributes());
            Replies.consumed(out, service, r, written.consumed());
            out.writeEndObject();
        });
    }
}
