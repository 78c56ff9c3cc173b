package wildrydes.tables.expr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wildrydes.tables.item.AttributeValue;

/**
 * A KeyConditionExpression as the legacy KeyConditions it stands for (attribute to operator and
 * values), refusing what a key condition may not hold, in DynamoDB's words.
 */
public final class KeyConditions {
    private static final Map<String, String> OPERATORS = Map.of("=", "EQ", "<", "LT", "<=", "LE", ">", "GT", ">=", "GE");
    private static final Map<String, String> FLIPPED = Map.of("=", "=", "<", ">", "<=", ">=", ">", "<", ">=", "<=");

    private KeyConditions() {
    }

    public static Map<String, Legacy.Filter> fromExpression(Condition condition) {
        Map<String, Legacy.Filter> conditions = new LinkedHashMap<>();
        collect(condition, conditions);
        return conditions;
    }

    private static void collect(Condition c, Map<String, Legacy.Filter> out) {
        switch (c) {
            case Condition.And and -> {
                collect(and.left(), out);
                collect(and.right(), out);
            }
            case Condition.Or or -> throw invalidOperator("OR");
            case Condition.Not not -> throw invalidOperator("NOT");
            case Condition.In in -> throw invalidOperator("IN");
            case Condition.Compare cmp -> {
                if (cmp.operator().equals("<>")) {
                    throw invalidOperator("<>");
                }
                checkNoNesting(cmp.left());
                checkNoNesting(cmp.right());
                boolean leftIsPath = cmp.left() instanceof Operand.Path;
                boolean rightIsPath = cmp.right() instanceof Operand.Path;
                if (leftIsPath && rightIsPath) {
                    throw invalid("Multiple attribute names used in one condition");
                }
                if (!leftIsPath && !rightIsPath) {
                    throw invalid("No key attribute specified");
                }
                String operator = leftIsPath ? cmp.operator() : FLIPPED.get(cmp.operator());
                Operand path = leftIsPath ? cmp.left() : cmp.right();
                Operand value = leftIsPath ? cmp.right() : cmp.left();
                put(out, attribute(path), new Legacy.Filter(OPERATORS.get(operator), List.of(valueOf(value))));
            }
            case Condition.Between b -> {
                if (!(b.value() instanceof Operand.Path)) {
                    throw invalid("BETWEEN operator must have the key attribute as its first operand");
                }
                checkNoNesting(b.low());
                checkNoNesting(b.high());
                if (b.low() instanceof Operand.Path || b.high() instanceof Operand.Path) {
                    throw invalid("Multiple attribute names used in one condition");
                }
                put(out, attribute(b.value()), new Legacy.Filter("BETWEEN", List.of(valueOf(b.low()), valueOf(b.high()))));
            }
            case Condition.Function f -> {
                if (!f.name().equals("begins_with")) {
                    throw invalidOperator(f.name());
                }
                if (!(f.arguments().getFirst() instanceof Operand.Path)) {
                    throw invalid("begins_with operator must have the key attribute as its first operand");
                }
                checkNoNesting(f.arguments().get(1));
                if (f.arguments().get(1) instanceof Operand.Path) {
                    throw invalid("Multiple attribute names used in one condition");
                }
                put(out, attribute(f.arguments().getFirst()), new Legacy.Filter("BEGINS_WITH", List.of(valueOf(f.arguments().get(1)))));
            }
            case Condition.True t -> {
            }
        }
    }

    private static void put(Map<String, Legacy.Filter> out, String attribute, Legacy.Filter filter) {
        if (out.containsKey(attribute)) {
            throw new ExpressionException("KeyConditionExpressions must only contain one condition per key");
        }
        out.put(attribute, filter);
    }

    private static void checkNoNesting(Operand operand) {
        if (operand instanceof Operand.Size) {
            throw new ExpressionException("KeyConditionExpressions cannot contain nested operations");
        }
    }

    private static String attribute(Operand path) {
        DocPath p = ((Operand.Path) path).path();
        if (p.isNested()) {
            throw new ExpressionException("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        return p.head();
    }

    private static AttributeValue valueOf(Operand operand) {
        return ((Operand.Value) operand).value();
    }

    private static ExpressionException invalidOperator(String operator) {
        return new ExpressionException("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static ExpressionException invalid(String why) {
        return new ExpressionException("Invalid condition in KeyConditionExpression: " + why);
    }
}
