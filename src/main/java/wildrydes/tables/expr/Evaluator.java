package wildrydes.tables.expr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.Values;

/** Evaluates conditions against an item (null or empty when there is none), as DynamoDB does. */
public final class Evaluator {
    private Evaluator() {
    }

    public static boolean matches(Condition condition, Map<String, AttributeValue> item) {
        return switch (condition) {
            case Condition.True t -> true;
            case Condition.And a -> matches(a.left(), item) && matches(a.right(), item);
            case Condition.Or o -> matches(o.left(), item) || matches(o.right(), item);
            case Condition.Not n -> !matches(n.of(), item);
            case Condition.Compare c -> compare(c.operator(), resolve(c.left(), item), resolve(c.right(), item));
            case Condition.Between b -> {
                AttributeValue v = resolve(b.value(), item);
                AttributeValue low = resolve(b.low(), item);
                AttributeValue high = resolve(b.high(), item);
                yield Values.comparable(v, low) && Values.comparable(v, high)
                        && Values.compare(v, low) >= 0 && Values.compare(v, high) <= 0;
            }
            case Condition.In in -> {
                AttributeValue v = resolve(in.value(), item);
                yield v != null && in.options().stream().anyMatch(o -> v.equals(resolve(o, item)));
            }
            case Condition.Function f -> function(f, item);
        };
    }

    /** The operand's value for this item, or null when it has none. */
    public static AttributeValue resolve(Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Operand.Value v -> v.value();
            case Operand.Path p -> Paths.get(item, p.path());
            case Operand.Size s -> size(resolve(s.of(), item));
            default -> throw new IllegalArgumentException("Not a condition operand: " + operand);
        };
    }

    static boolean compare(String operator, AttributeValue a, AttributeValue b) {
        return switch (operator) {
            case "=" -> a != null && a.equals(b);
            case "<>" -> a == null || !a.equals(b);
            default -> {
                if (!Values.comparable(a, b)) {
                    yield false;
                }
                int c = Values.compare(a, b);
                yield switch (operator) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    default -> throw new IllegalArgumentException("Unknown comparator " + operator);
                };
            }
        };
    }

    private static boolean function(Condition.Function f, Map<String, AttributeValue> item) {
        AttributeValue first = resolve(f.arguments().getFirst(), item);
        return switch (f.name()) {
            case "attribute_exists" -> first != null;
            case "attribute_not_exists" -> first == null;
            case "attribute_type" -> {
                AttributeValue type = resolve(f.arguments().get(1), item);
                yield first != null && type instanceof AttributeValue.S s && first.type().equals(s.value());
            }
            case "begins_with" -> beginsWith(first, resolve(f.arguments().get(1), item));
            case "contains" -> contains(first, resolve(f.arguments().get(1), item));
            default -> throw new IllegalArgumentException("Unknown function " + f.name());
        };
    }

    static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (value instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            return b.value().startsWith(p.value());
        }
        return false;
    }

    static boolean contains(AttributeValue value, AttributeValue part) {
        if (value == null || part == null) {
            return false;
        }
        return switch (value) {
            case AttributeValue.S s -> part instanceof AttributeValue.S p && s.value().contains(p.value());
            case AttributeValue.B b -> part instanceof AttributeValue.B p && b.value().contains(p.value());
            case AttributeValue.SS ss -> part instanceof AttributeValue.S p && ss.values().contains(p.value());
            case AttributeValue.NS ns -> part instanceof AttributeValue.N p && ns.values().contains(p.value());
            case AttributeValue.BS bs -> part instanceof AttributeValue.B p && bs.values().contains(p.value());
            case AttributeValue.L l -> l.values().contains(part);
            default -> false;
        };
    }

    static AttributeValue size(AttributeValue value) {
        if (value == null) {
            return null;
        }
        long size = switch (value) {
            case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8).length;
            case AttributeValue.B b -> b.value().length();
            case AttributeValue.SS ss -> ss.values().size();
            case AttributeValue.NS ns -> ns.values().size();
            case AttributeValue.BS bs -> bs.values().size();
            case AttributeValue.L l -> l.values().size();
            case AttributeValue.M m -> m.values().size();
            default -> -1;
        };
        return size < 0 ? null : new AttributeValue.N(BigDecimal.valueOf(size));
    }
}
