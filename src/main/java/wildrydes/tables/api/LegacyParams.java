package wildrydes.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wildrydes.tables.TablesException;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.expr.Legacy;
import wildrydes.tables.expr.UpdateAction;
import wildrydes.tables.expr.UpdatePlan;
import wildrydes.tables.expr.Operand;
import wildrydes.tables.item.AttributeValue;

/** The legacy parameters (Expected, filters, KeyConditions, AttributeUpdates) read from a request and checked. */
final class LegacyParams {
    private LegacyParams() {
    }

    /** Expected with ConditionalOperator as a condition, or null when there is none. */
    static Condition expected(Request r) {
        Map<String, Object> raw = r.map("Expected");
        if (raw == null) {
            return null;
        }
        Map<String, Legacy.Expected> expected = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Request c = Request.of(e.getValue());
            expected.put(e.getKey(), new Legacy.Expected(value(c.raw("Value")), c.optionalBool("Exists"), c.string("ComparisonOperator"),
                    values(c.list("AttributeValueList"))));
        }
        String problem = Legacy.checkExpected(expected);
        if (problem != null) {
            throw TablesException.validation(problem);
        }
        return expected.isEmpty() ? null : Legacy.expected(expected, r.string("ConditionalOperator"));
    }

    /** A QueryFilter, ScanFilter or KeyConditions map, checked; null when absent. */
    static Map<String, Legacy.Filter> filters(Request r, String name) {
        Map<String, Object> raw = r.map(name);
        if (raw == null) {
            return null;
        }
        Map<String, Legacy.Filter> filters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Request c = Request.of(e.getValue());
            filters.put(e.getKey(), new Legacy.Filter(c.string("ComparisonOperator"), values(c.list("AttributeValueList"))));
        }
        String problem = Legacy.checkFilters(filters);
        if (problem != null) {
            throw TablesException.validation(problem);
        }
        return filters;
    }

    /** AttributeUpdates as an update plan (PUT, ADD, DELETE per attribute), checked as DynamoDB checks it. */
    static UpdatePlan attributeUpdates(Request r) {
        Map<String, Object> raw = r.map("AttributeUpdates");
        if (raw == null) {
            return null;
        }
        List<UpdateAction> actions = new ArrayList<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Request u = Request.of(e.getValue());
            AttributeValue value = value(u.raw("Value"));
            String action = u.has("Action") ? u.string("Action") : "PUT";
            DocPath path = DocPath.of(e.getKey());
            if (value == null && !action.equals("DELETE")) {
                throw TablesException.validation("One or more parameter values were invalid: Only DELETE action is allowed when no "
                        + "attribute value is specified");
            }
            String type = value == null ? null : value.type();
            if (value != null && action.equals("DELETE") && !List.of("SS", "NS", "BS").contains(type)) {
                throw TablesException.validation("One or more parameter values were invalid: DELETE action with value is not "
                        + "supported for the type " + type);
            }
            if (value != null && action.equals("ADD") && !List.of("L", "SS", "NS", "BS", "N").contains(type)) {
                throw TablesException.validation("One or more parameter values were invalid: ADD action is not supported for the type " + type);
            }
            actions.add(switch (action) {
                case "ADD" -> new UpdateAction.Add(path, value);
                case "DELETE" -> value == null ? new UpdateAction.Remove(path) : new UpdateAction.Delete(path, value);
                default -> new UpdateAction.Set(path, new Operand.Value(value));
            });
        }
        java.util.Set<String> heads = new java.util.LinkedHashSet<>(raw.keySet());
        return new UpdatePlan(actions, heads, java.util.Set.of());
    }

    static AttributeValue value(Object raw) {
        return raw == null ? null : AttributeValues.value((JsonNode) raw);
    }

    static List<AttributeValue> values(List<Object> raw) {
        if (raw == null) {
            return null;
        }
        List<AttributeValue> values = new ArrayList<>();
        for (Object o : raw) {
            if (o != null) {
                values.add(AttributeValues.value((JsonNode) o));
            }
        }
        return values;
    }
}
