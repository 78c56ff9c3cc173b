package wildrydes.tables.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.BatchRequests;
import wildrydes.tables.ItemRequests;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.UpdatePlan;
import wildrydes.tables.item.Values;

/** TransactWriteItems: up to 100 puts, updates, deletes and condition checks, all or none. */
final class TransactWriteItems implements TablesAction {
    private static Field action(String name, String type, Field... specific) {
        List<Field> members = new ArrayList<>(List.of(specific));
        members.add(Fields.tableName());
        members.add(Fields.expressionAttributeNames());
        members.add(Fields.expressionAttributeValues());
        members.add(Fields.returnValuesOnConditionCheckFailure());
        return Field.struct(name, type, members.toArray(Field[]::new));
    }

    private static final Map<String, Field> FIELDS = Fields.of(
            Field.list("TransactItems", Field.struct("member", "TransactWriteItem",
                    action("ConditionCheck", "ConditionCheck", Fields.key(), Field.string("ConditionExpression").notNull()),
                    action("Put", "Put", Field.attributeMap("Item").notNull(), Field.string("ConditionExpression")),
                    action("Delete", "Delete", Fields.key(), Field.string("ConditionExpression")),
                    action("Update", "Update", Fields.key(), Field.string("UpdateExpression").notNull(),
                            Field.string("ConditionExpression")))).notNull().length(1, 100),
            Fields.returnConsumedCapacity(), Fields.returnItemCollectionMetrics(),
            Field.string("ClientRequestToken").length(1, 36));

    private final TablesService service;

    TransactWriteItems(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "TransactWriteItems";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        List<BatchRequests.TransactAction> actions = new ArrayList<>();
        for (Object o : r.list("TransactItems")) {
            Request item = Request.of(o);
            List<String> kinds = List.of("ConditionCheck", "Put", "Delete", "Update").stream().filter(item::has).toList();
            if (kinds.size() != 1) {
                throw TablesException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            }
            Request a = Request.of(item.struct(kinds.getFirst()));
            String table = Fields.table(a.string("TableName"));
            boolean returnOld = "ALL_OLD".equals(a.string("ReturnValuesOnConditionCheckFailure"));
            Expressions.checkParams(a, kinds.getFirst().equals("Update") ? List.of("UpdateExpression", "ConditionExpression")
                    : List.of("ConditionExpression"), List.of());
            var key = a.attributes("Key");
            var putItem = a.attributes("Item");
            if (putItem != null && Values.itemSize(putItem) > Values.MAX_ITEM_BYTES) {
                throw TablesException.validation("Item size has exceeded the maximum allowed size");
            }
            Expressions.Parsed parsed = Expressions.parse(a);
            var condition = parsed.condition() == null ? null : parsed.condition().condition();
            actions.add(switch (kinds.getFirst()) {
                case "ConditionCheck" -> new BatchRequests.TransactAction(null, null, null,
                        new ItemRequests.Check(table, key, condition, returnOld));
                case "Put" -> new BatchRequests.TransactAction(new ItemRequests.Put(table, putItem, condition, null, returnOld), null, null, null);
                case "Delete" -> new BatchRequests.TransactAction(null, null, new ItemRequests.Delete(table, key, condition, null, returnOld), null);
                default -> {
                    UpdatePlan plan = parsed.update();
                    yield new BatchRequests.TransactAction(null, new ItemRequests.Update(table, key, plan, false, condition, null, returnOld),
                            null, null);
                }
            });
        }
        return service.transactWriteItems(actions).thenApply(consumed -> out -> {
            out.writeStartObject();
            Replies.consumedList(out, service, r, consumed);
            out.writeEndObject();
        });
    }
}
