package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.ReadRequests;
import wildrydes.tables.TablesException;
import wildrydes.tables.TablesService;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.expr.Legacy;

/** Scan: every item of a table or index (or of one segment of it), a page at a time. */
final class Scan implements TablesAction {
    private static final Map<String, Field> FIELDS = Fields.of(
            Fields.select(), Fields.indexName(), Field.integer("Limit").min(1), Fields.returnConsumedCapacity(), Fields.tableName(),
            Fields.conditionalOperator(), Fields.conditions("ScanFilter"), Fields.attributesToGet(),
            Field.attributeMap("ExclusiveStartKey"), Field.integer("Segment").range(0, 999999),
            Field.integer("TotalSegments").range(1, 1000000), Field.bool("ConsistentRead"), Field.string("FilterExpression"),
            Field.string("ProjectionExpression"), Fields.expressionAttributeValues(), Fields.expressionAttributeNames());

    private final TablesService service;

    Scan(TablesService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "Scan";
    }

    @Override
    public Map<String, Field> fields() {
        return FIELDS;
    }

    @Override
    public CompletableFuture<Reply> execute(Request r) {
        Expressions.checkParams(r, List.of("ProjectionExpression", "FilterExpression"),
                List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));
        List<DocPath> toGet = Expressions.attributesToGet(r);
        Map<String, Legacy.Filter> scanFilter = LegacyParams.filters(r, "ScanFilter");
        var start = ReadParams.exclusiveStartKey(r);
        Integer segment = r.integer("Segment");
        Integer total = r.integer("TotalSegments");
        if (segment != null && total == null) {
            throw TablesException.validation("The TotalSegments parameter is required but was not present in the request when Segment "
                    + "parameter is present");
        }
        if (total != null) {
            if (segment == null) {
                throw TablesException.validation("The Segment parameter is required but was not present in the request when parameter "
                        + "TotalSegments is present");
            }
            if (segment >= total) {
                throw TablesException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: "
                        + "Segment: " + segment + " is not less than TotalSegments: " + total);
            }
        }
        Expressions.Parsed parsed = Expressions.parse(r);
        List<DocPath> projection = parsed.projection() != null ? parsed.projection() : toGet;
        ReadParams.checkSelect(r, projection, parsed.projection() != null);
        Condition filter = parsed.filter() != null ? parsed.filter().condition()
                : scanFilter == null ? null : Legacy.filters(scanFilter, r.string("ConditionalOperator"));
        ReadRequests.Scan scan = new ReadRequests.Scan(Fields.table(r.string("TableName")), r.string("IndexName"), filter, projection,
                r.string("Select"), r.integer("Limit"), r.bool("ConsistentRead"), start, segment, total);
        return service.scan(scan).thenApply(page -> ReadParams.page(service, r, page));
    }
}
