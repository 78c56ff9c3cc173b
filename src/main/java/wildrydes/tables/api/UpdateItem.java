package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.ItemRequests;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.UpdatePlan;

/** UpdateItem: changes (or creates) an item with an UpdateExpression or AttributeUpdates, if its condition holds. */
final class UpdateItem implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Fields.returnConsumedCapacity(), Fields.tableName(), Fields.returnItemCollectionMetrics(), Fields.returnValues(),
            Fields.key(), Fields.conditionalOperator(), Fields.expected(),
            Field.map("AttributeUpdates", "AttributeValueUpdate", Field.struct("member", "AttributeValueUpdate",
                    Field.string("Action").oneOf("ADD", "PUT", "DELETE"), Field.attribute("Value"))),
            Field.string("ConditionExpression"), Field.string("UpdateExpression"), Fields.expressionAttributeValues(),
            Fields.expressionAttributeNames(), Fields.returnValuesOnConditionCheckFailure());

    private final TablesService service;

    UpdateItem(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "UpdateItem";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        Expressions.checkParams(r, List.of("UpdateExpression", "ConditionExpression"), List.of("AttributeUpdates", "Expected"));
        var key = r.attributes("Key");
        UpdatePlan legacy = LegacyParams.attributeUpdates(r);
        Condition expected = LegacyParams.expected(r);
        Expressions.Parsed parsed = Expressions.parse(r);
        UpdatePlan plan = parsed.update() != null ? parsed.update() : legacy != null ? legacy : new UpdatePlan(List.of(), Set.of(), Set.of());
        Condition condition = parsed.condition() != null ? parsed.condition().condition() : expected;
        ItemRequests.Update update = new ItemRequests.Update(Fields.table(r.string("TableName")), key, plan,
                parsed.update() == null, condition, r.string("ReturnValues"), "ALL_OLD".equals(r.string("ReturnValuesOnConditionCheckFailure")));
        return service.updateItem(update).thenApply(written -> out -> {
            out.writeStartObject();
            Replies.attributes(out, written.attributes());
            Replies.consumed(out, service, r, written.consumed());
            out.writeEndObject();
        });
    }
}
