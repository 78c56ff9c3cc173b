package wildrydes.tables.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wildrydes.tables.item.AttributeValue;

/** The expression grammars: what parses, and DynamoDB's words for what does not. */
class ExpressionParsingTest {

    static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.N.of(v);
    }

    static ExpressionContext context(Map<String, String> names, Map<String, AttributeValue> values) {
        return new ExpressionContext(names, values);
    }

    static String conditionError(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        try {
            context(names, values).condition(expression, "ConditionExpression");
        } catch (ExpressionException e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed: " + expression);
    }

    @Test
    void syntaxErrorsNameTheTokenAndItsNeighbours() {
        assertThatThrownBy(() -> context(null, null).projection("!!! INVALID !!!"))
                .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
        assertThatThrownBy(() -> context(null, Map.of(":v", s("val"))).update("INVALID SYNTAX HERE"))
                .hasMessage("Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
        assertThatThrownBy(() -> context(null, Map.of(":incr", n("1"))).update("ADD hits : incr"))
                .hasMessage("Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"");
        assertThat(conditionError("a = :v AND", null, Map.of(":v", s("x"))))
                .isEqualTo("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    }

    @Test
    void emptyExpressionsAreRefused() {
        assertThatThrownBy(() -> context(null, null).update(""))
                .hasMessage("Invalid UpdateExpression: The expression can not be empty;");
    }

    @Test
    void conditionsOfEveryFormParseAndEvaluate() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":v", s("abc"));
        values.put(":lo", n("1"));
        values.put(":hi", n("10"));
        values.put(":two", n("2"));
        ExpressionContext ctx = context(Map.of("#s", "size"), values);
        Condition c = ctx.condition("a = :v AND (b BETWEEN :lo AND :hi OR NOT attribute_exists(c)) AND size(#s) >= :two "
                + "AND b IN (:lo, :hi, :two) AND begins_with(a, :v)", "ConditionExpression").condition();
        ctx.checkAllUsed();
        Map<String, AttributeValue> item = Map.of("a", s("abc"), "b", n("2"), "size", new AttributeValue.SS(List.of("x", "y")));
        assertThat(Evaluator.matches(c, item)).isTrue();
        assertThat(Evaluator.matches(c, Map.of("a", s("abc"), "b", n("11"), "c", n("1")))).isFalse();
    }

    @Test
    void parenthesesGroupConditionsOrOperands() {
        ExpressionContext ctx = context(null, Map.of(":v", s("x")));
        assertThat(ctx.condition("(a = :v)", "ConditionExpression").condition()).isInstanceOf(Condition.Compare.class);
        assertThat(context(null, Map.of(":v", s("x"))).condition("(a) = :v", "ConditionExpression").condition())
                .isInstanceOf(Condition.Compare.class);
        assertThat(conditionError("((a = :v))", null, Map.of(":v", s("x"))))
                .isEqualTo("Invalid ConditionExpression: The expression has redundant parentheses;");
    }

    @Test
    void semanticErrorsAreDynamoDbs() {
        assertThat(conditionError("Name = :v", null, Map.of(":v", s("x"))))
                .isEqualTo("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name");
        assertThat(conditionError("#n = :v", null, Map.of(":v", s("x"))))
                .isEqualTo("Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #n");
        assertThat(conditionError("a = :w", null, Map.of(":v", s("x"))))
                .isEqualTo("Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w");
        assertThat(conditionError("nope(a)", null, null))
                .isEqualTo("Invalid ConditionExpression: Invalid function name; function: nope");
        assertThat(conditionError("attribute_exists(a, b)", null, null))
                .isEqualTo("Invalid ConditionExpression: Incorrect number of operands for operator or function; "
                        + "operator or function: attribute_exists, number of operands: 2");
        assertThat(conditionError("a = a", null, null))
                .isEqualTo("Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
                        + "operator or function; operator: =, first operand: [a]");
        assertThat(conditionError("size(a)", null, null))
                .isEqualTo("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
        assertThat(conditionError("a BETWEEN :hi AND :lo", null, Map.of(":lo", n("1"), ":hi", n("2"))))
                .startsWith("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: AttributeValue: {N:2}");
        assertThatThrownBy(() -> {
            ExpressionContext ctx = context(Map.of("#unused", "x"), Map.of(":v", s("x")));
            ctx.condition("a = :v", "ConditionExpression");
            ctx.checkAllUsed();
        }).hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
    }

    @Test
    void updatesApplyAsDynamoDbDoes() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":one", n("1"));
        values.put(":more", new AttributeValue.L(List.of(s("z"))));
        values.put(":tags", new AttributeValue.SS(List.of("b", "c")));
        values.put(":gone", new AttributeValue.SS(List.of("a")));
        values.put(":zero", n("0"));
        UpdatePlan plan = context(null, values).update(
                "SET hits = if_not_exists(hits, :zero) + :one, seen = list_append(seen, :more) "
                        + "REMOVE ring[0], ring[2], stale ADD tags :tags DELETE gone :gone");
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("seen", new AttributeValue.L(List.of(s("x"), s("y"))));
        item.put("stale", s("o"));
        item.put("ring", new AttributeValue.L(List.of(s("p"), s("q"), s("r"))));
        item.put("tags", new AttributeValue.SS(List.of("a")));
        item.put("gone", new AttributeValue.SS(List.of("a")));
        Map<String, AttributeValue> updated = Updates.apply(plan, item);
        assertThat(updated.get("hits")).isEqualTo(n("1"));
        assertThat(updated.get("seen")).isEqualTo(new AttributeValue.L(List.of(s("x"), s("y"), s("z"))));
        assertThat(updated.get("ring")).isEqualTo(new AttributeValue.L(List.of(s("q"))));
        assertThat(updated).doesNotContainKeys("stale", "gone");
        assertThat(updated.get("tags")).isEqualTo(new AttributeValue.SS(List.of("c", "b", "a")));
    }

    @Test
    void updatePathsMayNotOverlap() {
        assertThatThrownBy(() -> context(null, Map.of(":v", n("1"))).update("SET a = :v REMOVE a.b"))
                .hasMessage("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of "
                        + "these paths; path one: [a], path two: [a, b]");
        assertThatThrownBy(() -> context(null, Map.of(":v", n("1"))).update("SET a = :v SET b = :v"))
                .hasMessage("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
        assertThatThrownBy(() -> context(null, Map.of(":v", s("1"))).update("ADD a :v"))
                .hasMessage("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
    }

    @Test
    void projectionsKeepNestedShape() {
        List<DocPath> paths = context(Map.of("#n", "name"), null).projection("#n, a.b, l[1], l[3]");
        Map<String, AttributeValue> item = Map.of("name", s("x"), "a", new AttributeValue.M(Map.of("b", n("1"), "c", n("2"))),
                "l", new AttributeValue.L(List.of(n("0"), n("1"), n("2"), n("3"))), "other", s("o"));
        Map<String, AttributeValue> projected = Paths.project(item, paths);
        assertThat(projected).containsOnlyKeys("name", "a", "l");
        assertThat(projected.get("a")).isEqualTo(new AttributeValue.M(Map.of("b", n("1"))));
        assertThat(projected.get("l")).isEqualTo(new AttributeValue.L(List.of(n("1"), n("3"))));
    }
}
