package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.ItemRequests;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.DocPath;

/** GetItem: one item by its key, whole or projected. */
final class GetItem implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Fields.returnConsumedCapacity(), Fields.attributesToGet(), Fields.tableName(), Fields.key(), Field.bool("ConsistentRead"),
            Field.string("ProjectionExpression"), Fields.expressionAttributeNames());

    private final TablesService service;

    GetItem(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "GetItem";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        Expressions.checkParams(r, List.of("ProjectionExpression"), List.of("AttributesToGet"));
        var key = r.attributes("Key");
        List<DocPath> toGet = Expressions.attributesToGet(r);
        Expressions.Parsed parsed = Expressions.parse(r);
        List<DocPath> projection = parsed.projection() != null ? parsed.projection() : toGet;
        ItemRequests.Get get = new ItemRequests.Get(Fields.table(r.string("TableName")), key, projection, r.bool("ConsistentRead"));
        return service.getItem(get).thenApply(found -> out -> {
            out.writeStartObject();
            if (found.getKey() != null) {
                out.writeFieldName("Item");
                AttributeValues.writeItem(out, found.getKey());
            }
            Replies.consumed(out, service, r, found.getValue());
            out.writeEndObject();
        });
    }
}
