package wildrydes.tables.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.Bytes;
import wildrydes.tables.item.Numbers;

/**
 * Applies an update to an item, as DynamoDB does: every SET value is computed from the item as
 * it was before the update, REMOVEs of list elements refer to the original positions, sets
 * that become empty disappear. Errors are DynamoDB's ValidationException messages.
 */
public final class Updates {
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    static final String MISSING = "The provided expression refers to an attribute that does not exist in the item";

    private Updates() {
    }

    public static Map<String, AttributeValue> apply(UpdatePlan plan, Map<String, AttributeValue> original) {
        Map<String, AttributeValue> before = original == null ? Map.of() : original;
        List<AttributeValue> setValues = new ArrayList<>();
        for (UpdateAction action : plan.actions()) {
            if (action instanceof UpdateAction.Set set) {
                setValues.add(evaluate(set.value(), before));
            }
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(before);
        int nextSet = 0;
        List<DocPath> removes = new ArrayList<>();
        for (UpdateAction action : plan.actions()) {
            switch (action) {
                case UpdateAction.Set set -> {
                    AttributeValue value = setValues.get(nextSet++);
                    item = change(item, set.path(), existing -> value, true);
                }
                case UpdateAction.Remove remove -> removes.add(remove.path());
                case UpdateAction.Add add -> item = change(item, add.path(), existing -> add(existing, add.value()), false);
                case UpdateAction.Delete delete -> item = change(item, delete.path(), existing -> delete(existing, delete.value()), false);
            }
        }
        removes.sort(Updates::laterFirst);
        for (DocPath path : removes) {
            item = change(item, path, existing -> null, false);
        }
        return item;
    }

    /** The value an update operand computes, from the item before the update. */
    static AttributeValue evaluate(Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Operand.Value v -> v.value();
            case Operand.Path p -> {
                AttributeValue value = Paths.get(item, p.path());
                if (value == null) {
                    throw new ExpressionException(MISSING);
                }
                yield value;
            }
            case Operand.IfNotExists f -> {
                AttributeValue value = Paths.get(item, f.path());
                yield value != null ? value : evaluate(f.otherwise(), item);
            }
            case Operand.ListAppend f -> {
                AttributeValue a = evaluate(f.first(), item);
                AttributeValue b = evaluate(f.second(), item);
                if (!(a instanceof AttributeValue.L la) || !(b instanceof AttributeValue.L lb)) {
                    throw new ExpressionException(WRONG_TYPE);
                }
                List<AttributeValue> joined = new ArrayList<>(la.values());
                joined.addAll(lb.values());
                yield new AttributeValue.L(joined);
            }
            case Operand.Arithmetic a -> {
                AttributeValue left = evaluate(a.left(), item);
                AttributeValue right = evaluate(a.right(), item);
                if (!(left instanceof AttributeValue.N l) || !(right instanceof AttributeValue.N r)) {
                    throw new ExpressionException(WRONG_TYPE);
                }
                yield new AttributeValue.N(a.plus() ? Numbers.add(l.value(), r.value()) : Numbers.subtract(l.value(), r.value()));
            }
            case Operand.Size s -> throw new ExpressionException("Invalid function name; function: size");
        };
    }

    /** ADD: a number is added, a set gains elements; a missing attribute is set. Legacy AttributeUpdates may append a list. */
    static AttributeValue add(AttributeValue existing, AttributeValue value) {
        if (existing == null) {
            return value;
        }
        return switch (value) {
            case AttributeValue.N n when existing instanceof AttributeValue.N e -> new AttributeValue.N(Numbers.add(e.value(), n.value()));
            case AttributeValue.SS s when existing instanceof AttributeValue.SS e -> new AttributeValue.SS(union(e.values(), s.values()));
            case AttributeValue.NS s when existing instanceof AttributeValue.NS e -> new AttributeValue.NS(union(e.values(), s.values()));
            case AttributeValue.BS s when existing instanceof AttributeValue.BS e -> new AttributeValue.BS(union(e.values(), s.values()));
            case AttributeValue.L l when existing instanceof AttributeValue.L e -> {
                List<AttributeValue> joined = new ArrayList<>(e.values());
                joined.addAll(l.values());
                yield new AttributeValue.L(joined);
            }
            default -> throw new ExpressionException(WRONG_TYPE);
        };
    }

    /** DELETE: the set loses the elements; an emptied set is removed; a missing attribute stays missing. */
    static AttributeValue delete(AttributeValue existing, AttributeValue value) {
        if (existing == null) {
            return null;
        }
        List<?> remaining = switch (value) {
            case AttributeValue.SS s when existing instanceof AttributeValue.SS e -> minus(e.values(), s.values());
            case AttributeValue.NS s when existing instanceof AttributeValue.NS e -> minus(e.values(), s.values());
            case AttributeValue.BS s when existing instanceof AttributeValue.BS e -> minus(e.values(), s.values());
            default -> throw new ExpressionException(WRONG_TYPE);
        };
        if (remaining.isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        AttributeValue result = switch (value) {
            case AttributeValue.SS s -> new AttributeValue.SS((List<String>) remaining);
            case AttributeValue.NS s -> new AttributeValue.NS((List<BigDecimal>) remaining);
            default -> new AttributeValue.BS((List<Bytes>) remaining);
        };
        return result;
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        LinkedHashSet<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private static <T> List<T> minus(List<T> a, List<T> b) {
        List<T> rest = new ArrayList<>(a);
        rest.removeAll(b);
        return rest;
    }

    /**
     * The item with the value at {@code path} replaced by what {@code change} makes of the current
     * one (null removes it). The path's parent must exist and be a map (or a list for an index).
     */
    static Map<String, AttributeValue> change(Map<String, AttributeValue> item, DocPath path,
                                              UnaryOperator<AttributeValue> change, boolean setting) {
        Map<String, AttributeValue> result = new LinkedHashMap<>(item);
        if (!path.isNested()) {
            put(result, path.head(), change.apply(item.get(path.head())));
            return result;
        }
        AttributeValue top = item.get(path.head());
        if (top == null) {
            if (setting) {
                throw new ExpressionException(INVALID_PATH);
            }
            return result;
        }
        put(result, path.head(), changeIn(top, path, 1, change, setting));
        return result;
    }

    private static AttributeValue changeIn(AttributeValue container, DocPath path, int at, UnaryOperator<AttributeValue> change,
                                           boolean setting) {
        Object element = path.get(at);
        boolean last = at == path.size() - 1;
        if (element instanceof Integer index) {
            if (!(container instanceof AttributeValue.L list)) {
                throw new ExpressionException(INVALID_PATH);
            }
            List<AttributeValue> values = new ArrayList<>(list.values());
            AttributeValue current = index < values.size() ? values.get(index) : null;
            AttributeValue next;
            if (last) {
                next = change.apply(current);
            } else if (current == null) {
                if (setting) {
                    throw new ExpressionException(INVALID_PATH);
                }
                return container;
            } else {
                next = changeIn(current, path, at + 1, change, setting);
            }
            if (index < values.size()) {
                if (next == null) {
                    values.remove((int) index);
                } else {
                    values.set(index, next);
                }
            } else if (next != null) {
                values.add(next); // past the end: appended
            }
            return new AttributeValue.L(values);
        }
        if (!(container instanceof AttributeValue.M map)) {
            throw new ExpressionException(INVALID_PATH);
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>(map.values());
        AttributeValue current = values.get((String) element);
        if (last) {
            put(values, (String) element, change.apply(current));
        } else if (current == null) {
            if (setting) {
                throw new ExpressionException(INVALID_PATH);
            }
            return container;
        } else {
            values.put((String) element, changeIn(current, path, at + 1, change, setting));
        }
        return new AttributeValue.M(values);
    }

    private static void put(Map<String, AttributeValue> map, String name, AttributeValue value) {
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
    }

    /** Orders removals so that higher list indexes go first, keeping every index pointing at the original element. */
    private static int laterFirst(DocPath a, DocPath b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x instanceof Integer xi && y instanceof Integer yi) {
                if (!xi.equals(yi)) {
                    return Integer.compare(yi, xi);
                }
            } else if (!x.equals(y)) {
                return String.valueOf(x).compareTo(String.valueOf(y));
            }
        }
        return Integer.compare(b.size(), a.size());
    }
}
