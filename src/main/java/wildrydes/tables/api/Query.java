package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.ReadRequests;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.expr.KeyConditions;
import wildrydes.tables.expr.ExpressionException;
import wildrydes.tables.expr.Legacy;

/** Query: the items of one partition of a table or index, in sort key order, a page at a time. */
final class Query implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Fields.select(), Fields.indexName(), Fields.returnConsumedCapacity(), Fields.conditions("QueryFilter"), Fields.tableName(),
            Fields.conditionalOperator(), Fields.attributesToGet(), Field.integer("Limit").min(1).newStyle(),
            Fields.conditions("KeyConditions"), Field.attributeMap("ExclusiveStartKey"), Field.bool("ConsistentRead"),
            Field.bool("ScanIndexForward"), Field.string("KeyConditionExpression"), Field.string("FilterExpression"),
            Field.string("ProjectionExpression"), Fields.expressionAttributeValues(), Fields.expressionAttributeNames());

    private final TablesService service;

    Query(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "Query";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        Expressions.checkParams(r, List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
                List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"));
        Map<String, Legacy.Filter> queryFilter = LegacyParams.filters(r, "QueryFilter");
        List<DocPath> toGet = Expressions.attributesToGet(r);
        var start = ReadParams.exclusiveStartKey(r);
        if (!r.has("KeyConditions") && !r.has("KeyConditionExpression")) {
            throw TablesException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Expressions.Parsed parsed = Expressions.parse(r);
        Map<String, Legacy.Filter> keyConditions;
        if (parsed.keyCondition() != null) {
            try {
                keyConditions = KeyConditions.fromExpression(parsed.keyCondition().condition());
            } catch (ExpressionException e) {
                throw TablesException.validation(e.getMessage());
            }
            String problem = Legacy.checkFilters(keyConditions);
            if (problem != null) {
                throw TablesException.validation(problem);
            }
        } else {
            keyConditions = LegacyParams.filters(r, "KeyConditions");
        }
        if (keyConditions.size() != 1 && keyConditions.size() != 2) {
            throw TablesException.validation("Conditions can be of length 1 or 2 only");
        }
        List<DocPath> projection = parsed.projection() != null ? parsed.projection() : toGet;
        ReadParams.checkSelect(r, projection, parsed.projection() != null);
        Condition filter = parsed.filter() != null ? parsed.filter().condition()
                : queryFilter == null ? null : Legacy.filters(queryFilter, r.string("ConditionalOperator"));
        var heads = parsed.filter() != null ? parsed.filter().heads() : queryFilter == null ? java.util.Set.<String>of() : queryFilter.keySet();
        ReadRequests.Query query = new ReadRequests.Query(Fields.table(r.string("TableName")), r.string("IndexName"), keyConditions,
                filter, heads, parsed.filter() != null ? "Filter Expression" : "QueryFilter", projection, r.string("Select"),
                r.integer("Limit"), !Boolean.FALSE.equals(r.optionalBool("ScanIndexForward")), r.bool("ConsistentRead"), start);
        return service.query(query).thenApply(page -> ReadParams.page(service, r, page));
    }
}
