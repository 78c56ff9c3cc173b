package wildrydes.tables.expr;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wildrydes.tables.item.AttributeValue;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all its
 * expressions: it parses each one and, at the end, reports names or values none of them used.
 */
public final class ExpressionContext {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    final Set<String> usedNames = new LinkedHashSet<>();
    final Set<String> usedValues = new LinkedHashSet<>();

    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : new LinkedHashMap<>(names);
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    String name(String reference) {
        return names.get(reference);
    }

    AttributeValue value(String reference) {
        return values.get(reference);
    }

    /** A ConditionExpression or FilterExpression; {@code kind} names it in messages. */
    public ParsedCondition condition(String expression, String kind) {
        Node tree = parse(expression, kind, Parser::condition);
        return wrap(kind, () -> new Resolver(this).condition(tree));
    }

    public UpdatePlan update(String expression) {
        Node tree = parse(expression, "UpdateExpression", Parser::update);
        return wrap("UpdateExpression", () -> new Resolver(this).update(tree));
    }

    public List<DocPath> projection(String expression) {
        Node tree = parse(expression, "ProjectionExpression", Parser::projection);
        return wrap("ProjectionExpression", () -> new Resolver(this).projection(tree));
    }

    /** Throws DynamoDB's error when a name or value was given but no expression used it. */
    public void checkAllUsed() {
        List<String> unusedNames = names.keySet().stream().filter(n -> !usedNames.contains(n)).toList();
        if (!unusedNames.isEmpty()) {
            throw new ExpressionException("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        List<String> unusedValues = values.keySet().stream().filter(n -> !usedValues.contains(n)).toList();
        if (!unusedValues.isEmpty()) {
            throw new ExpressionException("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }

    private interface Step<T> {
        T run();
    }

    private static Node parse(String expression, String kind, java.util.function.Function<String, Node> grammar) {
        if (expression.isEmpty()) {
            throw new ExpressionException("Invalid " + kind + ": The expression can not be empty;");
        }
        try {
            return grammar.apply(expression);
        } catch (ExpressionException e) {
            throw new ExpressionException("Invalid " + kind + ": " + e.getMessage());
        }
    }

    private static <T> T wrap(String kind, Step<T> step) {
        try {
            return step.run();
        } catch (ExpressionException e) {
            throw new ExpressionException("Invalid " + kind + ": " + e.getMessage());
        }
    }
}
