package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import wildrydes.tables.TablesException;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.expr.ExpressionContext;
import wildrydes.tables.expr.ExpressionException;
import wildrydes.tables.expr.ParsedCondition;
import wildrydes.tables.expr.UpdatePlan;
import wildrydes.tables.item.AttributeValue;

/**
 * The expression parameters of a request, checked and parsed in DynamoDB's order: which
 * parameters may be combined, the names and values maps, each expression, then names or
 * values no expression used.
 */
final class Expressions {
    private static final Pattern NAME_KEY = Pattern.compile("#[0-9a-zA-Z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9a-zA-Z_]+");

    private Expressions() {
    }

    /** Every expression of a request, parsed (null where absent). */
    record Parsed(UpdatePlan update, ParsedCondition condition, ParsedCondition keyCondition, ParsedCondition filter,
                  List<DocPath> projection) {
    }

    /** Refuses expression and legacy parameters together, and names or values without expressions. */
    static void checkParams(Request r, List<String> expressions, List<String> nonExpressions) {
        List<String> used = expressions.stream().filter(r::has).toList();
        if (!used.isEmpty()) {
            List<String> legacy = nonExpressions.stream()
                    .filter(n -> !(n.equals("KeyConditions") && r.has("KeyConditions") && !r.has("KeyConditionExpression")))
                    .filter(r::has).toList();
            if (!legacy.isEmpty()) {
                throw TablesException.validation("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                        + String.join(", ", used) + "}");
            }
        }
        if (r.has("ExpressionAttributeNames") && used.isEmpty()) {
            throw TablesException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        List<String> valueExpressions = expressions.stream().filter(e -> !e.equals("ProjectionExpression")).toList();
        if (!valueExpressions.isEmpty() && r.has("ExpressionAttributeValues") && valueExpressions.stream().noneMatch(r::has)) {
            throw TablesException.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", valueExpressions) + " " + (valueExpressions.size() > 1 ? "are" : "is") + " null");
        }
    }

    static Parsed parse(Request r) {
        Map<String, String> names = r.strings("ExpressionAttributeNames");
        if (names != null) {
            if (names.isEmpty()) {
                throw TablesException.validation("ExpressionAttributeNames must not be empty");
            }
            for (String key : names.keySet()) {
                if (!NAME_KEY.matcher(key).matches()) {
                    throw TablesException.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
        }
        Map<String, Object> rawValues = r.map("ExpressionAttributeValues");
        Map<String, AttributeValue> values = null;
        if (rawValues != null) {
            if (rawValues.isEmpty()) {
                throw TablesException.validation("ExpressionAttributeValues must not be empty");
            }
            for (String key : rawValues.keySet()) {
                if (!VALUE_KEY.matcher(key).matches()) {
                    throw TablesException.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
            values = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Object> e : rawValues.entrySet()) {
                try {
                    values.put(e.getKey(), AttributeValues.value((com.fasterxml.jackson.databind.JsonNode) e.getValue()));
                } catch (TablesException invalid) {
                    throw TablesException.validation("ExpressionAttributeValues contains invalid value: " + invalid.getMessage()
                            + " for key " + e.getKey());
                }
            }
        }
        ExpressionContext context = new ExpressionContext(names, values);
        try {
            UpdatePlan update = r.has("UpdateExpression") ? context.update(r.string("UpdateExpression")) : null;
            ParsedCondition condition = r.has("ConditionExpression")
                    ? context.condition(r.string("ConditionExpression"), "ConditionExpression") : null;
            ParsedCondition key = r.has("KeyConditionExpression")
                    ? context.condition(r.string("KeyConditionExpression"), "KeyConditionExpression") : null;
            ParsedCondition filter = r.has("FilterExpression")
                    ? context.condition(r.string("FilterExpression"), "FilterExpression") : null;
            List<DocPath> projection = r.has("ProjectionExpression") ? context.projection(r.string("ProjectionExpression")) : null;
            context.checkAllUsed();
            return new Parsed(update, condition, key, filter, projection);
        } catch (ExpressionException e) {
            throw TablesException.validation(e.getMessage());
        }
    }

    /** AttributesToGet as projection paths, refusing duplicates. */
    static List<DocPath> attributesToGet(Request r) {
        List<Object> names = r.list("AttributesToGet");
        if (names == null) {
            return null;
        }
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (Object n : names) {
            if (!seen.add(n)) {
                throw TablesException.validation("One or more parameter values were invalid: Duplicate value in attribute name: " + n);
            }
        }
        return names.stream().map(n -> DocPath.of((String) n)).toList();
    }
}
