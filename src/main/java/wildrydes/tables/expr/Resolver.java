package wildrydes.tables.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wildrydes.tables.item.AttributeValue;

/**
 * Turns parse trees into resolved expressions: substitutes {@code #names} and {@code :values},
 * and checks what DynamoDB checks (functions, operand counts and types, reserved words,
 * overlapping paths). Every problem is noted by kind; the one reported is the first kind in
 * DynamoDB's order for that expression type, so a request with several problems gets the
 * service's answer.
 */
final class Resolver {
    private static final List<String> CONDITION_ORDER = List.of("parens", "unknownFunction", "misusedFunction", "reserved",
            "attrNameVal", "operand", "distinct", "function");
    private static final List<String> UPDATE_ORDER = List.of("reserved", "unknownFunction", "section", "attrName", "attrVal",
            "pathOverlap", "pathConflict", "operand", "function");
    private static final List<String> PROJECTION_ORDER = List.of("reserved", "attrName", "pathOverlap", "pathConflict");
    private static final Map<String, Integer> CONDITION_FUNCTIONS = Map.of("attribute_exists", 1, "attribute_not_exists", 1,
            "attribute_type", 2, "begins_with", 2, "contains", 2, "size", 1);
    private static final Map<String, String> OPERAND_TYPE_NAMES = Map.of("S", "STRING", "N", "NUMBER", "B", "BINARY",
            "NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP");

    private final ExpressionContext context;
    private final Map<String, String> errors = new HashMap<>();
    private final Set<String> heads = new LinkedHashSet<>();
    private final Set<String> nestedHeads = new LinkedHashSet<>();
    private final List<DocPath> writtenPaths = new ArrayList<>();
    private boolean updateMode;

    Resolver(ExpressionContext context) {
        this.context = context;
    }

    ParsedCondition condition(Node tree) {
        Condition condition = condition(tree, true);
        throwFirst(CONDITION_ORDER);
        return new ParsedCondition(condition, heads, nestedHeads);
    }

    UpdatePlan update(Node tree) {
        updateMode = true;
        List<UpdateAction> actions = new ArrayList<>();
        Set<String> sections = new HashSet<>();
        for (Node section : tree.children()) {
            if (!sections.add(section.text())) {
                note("section", "The \"" + section.text() + "\" section can only be used once in an update expression;");
            }
            for (Node action : section.children()) {
                actions.add(switch (section.kind()) {
                    case SET -> new UpdateAction.Set(written(action.child(0)), setValue(action.child(1)));
                    case REMOVE -> new UpdateAction.Remove(written(action));
                    case ADD -> new UpdateAction.Add(written(action.child(0)), setOperand("ADD", action.child(1)));
                    default -> new UpdateAction.Delete(written(action.child(0)), setOperand("DELETE", action.child(1)));
                });
            }
        }
        throwFirst(UPDATE_ORDER);
        return new UpdatePlan(actions, heads, nestedHeads);
    }

    List<DocPath> projection(Node tree) {
        updateMode = true;
        List<DocPath> paths = new ArrayList<>();
        for (Node path : tree.children()) {
            paths.add(written(path));
        }
        throwFirst(PROJECTION_ORDER);
        return paths;
    }

    private void throwFirst(List<String> order) {
        for (String kind : order) {
            String message = errors.get(kind);
            if (message != null) {
                throw new ExpressionException(message);
            }
        }
    }

    private void note(String kind, String message) {
        errors.putIfAbsent(kind, message);
    }

    // ---- conditions

    private Condition condition(Node n, boolean top) {
        return switch (n.kind()) {
            case PARENS -> {
                if (n.child(0).kind() == Node.Kind.PARENS) {
                    note("parens", "The expression has redundant parentheses;");
                }
                yield condition(unwrap(n), false);
            }
            case OR -> new Condition.Or(subCondition(n.child(0)), subCondition(n.child(1)));
            case AND -> new Condition.And(subCondition(n.child(0)), subCondition(n.child(1)));
            case NOT -> new Condition.Not(subCondition(n.child(0)));
            case COMPARE -> {
                Operand left = operand(n.child(0));
                Operand right = operand(n.child(1));
                misused(n.children());
                distinct(n.text(), left, right);
                yield new Condition.Compare(n.text(), left, right);
            }
            case BETWEEN -> {
                Operand value = operand(n.child(0));
                Operand low = operand(n.child(1));
                Operand high = operand(n.child(2));
                misused(n.children());
                ConditionChecks.bounds(low, high, this::note);
                yield new Condition.Between(value, low, high);
            }
            case IN -> {
                List<Operand> all = n.children().stream().map(this::operand).toList();
                misused(n.children());
                if (all.size() > 101) {
                    note("operand", "The IN operator is provided with too many operands; number of operands: " + (all.size() - 1));
                }
                yield new Condition.In(all.getFirst(), all.subList(1, all.size()));
            }
            case FUNCTION -> functionCondition(n);
            default -> throw new IllegalStateException("Not a condition: " + n.kind());
        };
    }

    private Condition subCondition(Node n) {
        if (n.kind() == Node.Kind.FUNCTION && n.text().equals("size")) {
            note("misusedFunction", "The function is not allowed to be used this way in an expression; function: size");
        }
        return condition(n, false);
    }

    private Condition functionCondition(Node n) {
        String name = n.text();
        Integer arity = CONDITION_FUNCTIONS.get(name);
        List<Operand> args = n.children().stream().map(this::operand).toList();
        misused(n.children());
        if (arity == null) {
            note("unknownFunction", "Invalid function name; function: " + name);
            return new Condition.True();
        }
        if (name.equals("size")) {
            note("misusedFunction", "The function is not allowed to be used this way in an expression; function: size");
            return new Condition.True();
        }
        if (args.size() != arity) {
            note("operand", "Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + args.size());
            return new Condition.True();
        }
        if (args.size() == 2) {
            distinct(name, args.get(0), args.get(1));
        }
        ConditionChecks.function(name, args, this::note);
        return new Condition.Function(name, args);
    }

    /** A function other than size() where an operand is expected. */
    private void misused(List<Node> operands) {
        for (Node op : operands) {
            Node n = unwrapAll(op);
            if (n.kind() == Node.Kind.FUNCTION && !n.text().equals("size") && CONDITION_FUNCTIONS.containsKey(n.text())) {
                note("misusedFunction", "The function is not allowed to be used this way in an expression; function: " + n.text());
            }
        }
    }

    private void distinct(String operator, Operand a, Operand b) {
        if (a instanceof Operand.Path p && b instanceof Operand.Path q && p.path().equals(q.path())) {
            note("distinct", "The first operand must be distinct from the remaining operands for this operator or function; operator: "
                    + operator + ", first operand: " + p.path());
        }
    }

    // ---- operands

    private Operand operand(Node n) {
        return switch (n.kind()) {
            case PARENS -> {
                if (n.child(0).kind() == Node.Kind.PARENS && !updateMode) {
                    note("parens", "The expression has redundant parentheses;");
                }
                yield operand(unwrap(n));
            }
            case VALUE_REF -> new Operand.Value(value(n.text()));
            case PATH -> new Operand.Path(path(n));
            case FUNCTION -> updateMode ? updateFunction(n) : conditionFunction(n);
            case PLUS, MINUS -> arithmetic(n);
            default -> throw new IllegalStateException("Not an operand: " + n.kind());
        };
    }

    private Operand conditionFunction(Node n) {
        String name = n.text();
        List<Operand> args = n.children().stream().map(this::operand).toList();
        if (!CONDITION_FUNCTIONS.containsKey(name)) {
            note("unknownFunction", "Invalid function name; function: " + name);
            return new Operand.Value(AttributeValue.Null.INSTANCE);
        }
        if (!name.equals("size")) {
            return new Operand.Value(AttributeValue.Bool.TRUE); // misuse, noted by the caller
        }
        if (args.size() != 1) {
            note("operand", "Incorrect number of operands for operator or function; operator or function: size, number of operands: "
                    + args.size());
            return new Operand.Size(args.getFirst());
        }
        String type = typeOf(args.getFirst());
        if (type != null && (type.equals("N") || type.equals("BOOL") || type.equals("NULL"))) {
            note("function", "Incorrect operand type for operator or function; operator or function: size, operand type: " + type);
        }
        return new Operand.Size(args.getFirst());
    }

    // ---- updates

    private Operand setValue(Node n) {
        return operand(n.kind() == Node.Kind.PARENS ? unwrap(n) : n);
    }

    private Operand arithmetic(Node n) {
        Operand left = operand(n.child(0));
        Operand right = operand(n.child(1));
        for (Operand o : List.of(left, right)) {
            String type = immediateType(o);
            if (type != null && !type.equals("N")) {
                note("function", "Incorrect operand type for operator or function; operator or function: " + n.text() + ", operand type: " + type);
            }
        }
        return new Operand.Arithmetic(left, n.kind() == Node.Kind.PLUS, right);
    }

    private Operand updateFunction(Node n) {
        String name = n.text();
        List<Operand> args = n.children().stream().map(this::operand).toList();
        if (!name.equals("if_not_exists") && !name.equals("list_append")) {
            note("unknownFunction", "Invalid function name; function: " + name);
            return new Operand.Value(AttributeValue.Null.INSTANCE);
        }
        if (args.size() != 2) {
            note("function", "Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + args.size());
            return new Operand.Value(AttributeValue.Null.INSTANCE);
        }
        if (name.equals("if_not_exists")) {
            if (!(args.getFirst() instanceof Operand.Path p)) {
                note("function", "Operator or function requires a document path; operator or function: " + name);
                return new Operand.Value(AttributeValue.Null.INSTANCE);
            }
            return new Operand.IfNotExists(p.path(), args.get(1));
        }
        for (Operand o : args) {
            String type = immediateType(o);
            if (type != null && !type.equals("L")) {
                note("function", "Incorrect operand type for operator or function; operator or function: " + name + ", operand type: " + type);
            }
        }
        return new Operand.ListAppend(args.get(0), args.get(1));
    }

    private AttributeValue setOperand(String operator, Node valueNode) {
        AttributeValue value = value(valueNode.text());
        if (value != null) {
            String type = value.type();
            boolean isSet = type.equals("SS") || type.equals("NS") || type.equals("BS");
            if (!isSet && !(operator.equals("ADD") && type.equals("N"))) {
                note("operand", "Incorrect operand type for operator or function; operator: " + operator + ", operand type: "
                        + OPERAND_TYPE_NAMES.get(type));
            }
        }
        return value;
    }

    /** A path that an update or projection writes: checked against the others for overlap. */
    private DocPath written(Node n) {
        DocPath path = path(n);
        for (DocPath other : writtenPaths) {
            String conflict = Show.overlap(other, path);
            if (conflict != null) {
                note(conflict.startsWith("Two document paths overlap") ? "pathOverlap" : "pathConflict", conflict);
            }
        }
        writtenPaths.add(path);
        return path;
    }

    // ---- names, values, types

    private DocPath path(Node n) {
        List<Object> elements = new ArrayList<>();
        for (Node e : n.children()) {
            switch (e.kind()) {
                case ATTRIBUTE -> {
                    if (ReservedWords.isReserved(e.text())) {
                        note("reserved", "Attribute name is a reserved keyword; reserved keyword: " + e.text());
                    }
                    elements.add(e.text());
                }
                case NAME_REF -> {
                    String name = context.name(e.text());
                    if (name == null) {
                        note(updateMode ? "attrName" : "attrNameVal",
                                "An expression attribute name used in the document path is not defined; attribute name: " + e.text());
                        name = e.text();
                    } else {
                        context.usedNames.add(e.text());
                    }
                    elements.add(name);
                }
                case INDEX -> {
                    try {
                        elements.add(Integer.parseInt(e.text()));
                    } catch (NumberFormatException tooLarge) {
                        note("function", "List index is out of range; index: " + e.text());
                        elements.add(Integer.MAX_VALUE);
                    }
                }
                default -> throw new IllegalStateException("Not a path element: " + e.kind());
            }
        }
        DocPath path = new DocPath(elements);
        heads.add(path.head());
        if (path.isNested()) {
            nestedHeads.add(path.head());
        }
        return path;
    }

    private AttributeValue value(String reference) {
        AttributeValue value = context.value(reference);
        if (value == null) {
            note(updateMode ? "attrVal" : "attrNameVal",
                    "An expression attribute value used in expression is not defined; attribute value: " + reference);
            return null;
        }
        context.usedValues.add(reference);
        return value;
    }

    /** The operand's type when it can be known before reading the item. */
    static String typeOf(Operand o) {
        return switch (o) {
            case Operand.Size s -> "N";
            case Operand.Value v -> v.value() == null ? null : v.value().type();
            default -> null;
        };
    }

    private static String immediateType(Operand o) {
        return o instanceof Operand.Value v && v.value() != null ? v.value().type() : null;
    }

    private static Node unwrap(Node parens) {
        return parens.child(0);
    }

    private static Node unwrapAll(Node n) {
        while (n.kind() == Node.Kind.PARENS) {
            n = n.child(0);
        }
        return n;
    }
}
