package wildrydes.tables.expr;

import java.util.List;
import java.util.Map;
import java.util.Set;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.Values;

/**
 * The parameters from before expressions, which the KCL and older SDKs still send: Expected,
 * QueryFilter, ScanFilter and KeyConditions (with ConditionalOperator), checked with
 * DynamoDB's messages and turned into {@link Condition}s.
 */
public final class Legacy {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final Set<String> ONE_VALUE = Set.of("EQ", "NE", "LE", "LT", "GE", "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH");
    private static final Map<String, List<String>> TYPES = Map.ofEntries(
            Map.entry("EQ", List.of("S", "N", "B", "SS", "NS", "BS")), Map.entry("NE", List.of("S", "N", "B", "SS", "NS", "BS")),
            Map.entry("LE", List.of("S", "N", "B")), Map.entry("LT", List.of("S", "N", "B")), Map.entry("GE", List.of("S", "N", "B")),
            Map.entry("GT", List.of("S", "N", "B")), Map.entry("CONTAINS", List.of("S", "N", "B")),
            Map.entry("NOT_CONTAINS", List.of("S", "N", "B")), Map.entry("BEGINS_WITH", List.of("S", "B")),
            Map.entry("IN", List.of("S", "N", "B")), Map.entry("BETWEEN", List.of("S", "N", "B")));

    private Legacy() {
    }

    /** One entry of Expected: Value/Exists, or ComparisonOperator with Value or AttributeValueList. */
    public record Expected(AttributeValue value, Boolean exists, String operator, List<AttributeValue> values) {
    }

    /** One entry of QueryFilter, ScanFilter or KeyConditions. */
    public record Filter(String operator, List<AttributeValue> values) {
    }

    /** DynamoDB's message for the first invalid entry of Expected, or null. */
    public static String checkExpected(Map<String, Expected> expected) {
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            String key = e.getKey();
            Expected c = e.getValue();
            if (c.values() != null && c.value() != null) {
                return INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + key;
            }
            if (c.operator() != null) {
                if (c.exists() != null) {
                    return INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: " + key;
                }
                if (!c.operator().equals("NULL") && !c.operator().equals("NOT_NULL") && c.values() == null && c.value() == null) {
                    return INVALID + "Value or AttributeValueList must be used with ComparisonOperator: " + c.operator()
                            + " for Attribute: " + key;
                }
                List<AttributeValue> values = c.values() != null ? c.values() : c.value() != null ? List.of(c.value()) : List.of();
                String problem = checkArguments(c.operator(), values, false);
                if (problem != null) {
                    return problem;
                }
            } else if (c.values() != null) {
                return INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + key;
            } else {
                boolean exists = c.exists() == null || c.exists();
                if (exists && c.value() == null) {
                    return INVALID + "Value must be provided when Exists is " + (c.exists() == null ? "null" : c.exists())
                            + " for Attribute: " + key;
                }
                if (!exists && c.value() != null) {
                    return INVALID + "Value cannot be used when Exists is false for Attribute: " + key;
                }
            }
        }
        return null;
    }

    /** DynamoDB's message for the first invalid entry of a QueryFilter, ScanFilter or KeyConditions, or null. */
    public static String checkFilters(Map<String, Filter> filters) {
        for (Filter f : filters.values()) {
            String problem = checkArguments(f.operator(), f.values() == null ? List.of() : f.values(), true);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String checkArguments(String operator, List<AttributeValue> values, boolean checkTypes) {
        int n = values.size();
        boolean countOk = switch (operator) {
            case "NULL", "NOT_NULL" -> n == 0;
            case "IN" -> n > 0;
            case "BETWEEN" -> n == 2;
            default -> ONE_VALUE.contains(operator) && n == 1;
        };
        if (!countOk) {
            return INVALID + "Invalid number of argument(s) for the " + operator + " ComparisonOperator";
        }
        if (n > 0) {
            String type = values.getFirst().type();
            if (values.stream().anyMatch(v -> !v.type().equals(type))) {
                return INVALID + "AttributeValues inside AttributeValueList must be of same type";
            }
        }
        if (checkTypes && TYPES.containsKey(operator)) {
            for (AttributeValue v : values) {
                if (!TYPES.get(operator).contains(v.type())) {
                    return INVALID + "ComparisonOperator " + operator + " is not valid for " + v.type() + " AttributeValue type";
                }
            }
        }
        if (operator.equals("BETWEEN") && Values.comparable(values.get(0), values.get(1))
                && Values.compare(values.get(0), values.get(1)) > 0) {
            return "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound";
        }
        return null;
    }

    public static Condition expected(Map<String, Expected> expected, String conditionalOperator) {
        Condition result = null;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            Expected c = e.getValue();
            Condition one;
            if (c.operator() != null) {
                one = condition(e.getKey(), c.operator(), c.values() != null ? c.values() : c.value() != null ? List.of(c.value()) : List.of());
            } else if (c.exists() != null && !c.exists()) {
                one = condition(e.getKey(), "NULL", List.of());
            } else {
                one = condition(e.getKey(), "EQ", List.of(c.value()));
            }
            result = combine(result, one, conditionalOperator);
        }
        return result == null ? new Condition.True() : result;
    }

    public static Condition filters(Map<String, Filter> filters, String conditionalOperator) {
        Condition result = null;
        for (Map.Entry<String, Filter> e : filters.entrySet()) {
            Filter f = e.getValue();
            result = combine(result, condition(e.getKey(), f.operator(), f.values() == null ? List.of() : f.values()), conditionalOperator);
        }
        return result == null ? new Condition.True() : result;
    }

    private static Condition combine(Condition sofar, Condition next, String conditionalOperator) {
        if (sofar == null) {
            return next;
        }
        return "OR".equals(conditionalOperator) ? new Condition.Or(sofar, next) : new Condition.And(sofar, next);
    }

    /** One legacy comparison on a top-level attribute as a condition. */
    public static Condition condition(String attribute, String operator, List<AttributeValue> values) {
        Operand path = new Operand.Path(DocPath.of(attribute));
        List<Operand> args = values.stream().map(v -> (Operand) new Operand.Value(v)).toList();
        return switch (operator) {
            case "EQ" -> new Condition.Compare("=", path, args.getFirst());
            case "NE" -> new Condition.Compare("<>", path, args.getFirst());
            case "LE" -> new Condition.Compare("<=", path, args.getFirst());
            case "LT" -> new Condition.Compare("<", path, args.getFirst());
            case "GE" -> new Condition.Compare(">=", path, args.getFirst());
            case "GT" -> new Condition.Compare(">", path, args.getFirst());
            case "NOT_NULL" -> new Condition.Function("attribute_exists", List.of(path));
            case "NULL" -> new Condition.Function("attribute_not_exists", List.of(path));
            case "CONTAINS" -> new Condition.Function("contains", List.of(path, args.getFirst()));
            case "NOT_CONTAINS" -> new Condition.Not(new Condition.Function("contains", List.of(path, args.getFirst())));
            case "BEGINS_WITH" -> new Condition.Function("begins_with", List.of(path, args.getFirst()));
            case "IN" -> new Condition.In(path, args);
            case "BETWEEN" -> new Condition.Between(path, args.get(0), args.get(1));
            default -> throw new IllegalArgumentException("Unknown ComparisonOperator " + operator);
        };
    }
}
