package wildrydes.tables.expr;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import wildrydes.tables.item.AttributeValue;

/** The checks DynamoDB makes of a condition's functions and BETWEEN bounds, before reading any item. */
final class ConditionChecks {
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");

    private ConditionChecks() {
    }

    /** Operand kinds and types of attribute_exists, attribute_not_exists, begins_with and attribute_type. */
    static void function(String name, List<Operand> args, BiConsumer<String, String> note) {
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (!(args.getFirst() instanceof Operand.Path)) {
                    note.accept("function", "Operator or function requires a document path; operator or function: " + name);
                }
            }
            case "begins_with" -> {
                for (Operand arg : args) {
                    String type = Resolver.typeOf(arg);
                    if (type != null && !type.equals("S") && !type.equals("B")) {
                        note.accept("function", "Incorrect operand type for operator or function; operator or function: "
                                + name + ", operand type: " + type);
                    }
                }
            }
            case "attribute_type" -> {
                String type = Resolver.typeOf(args.get(1));
                if (!"S".equals(type)) {
                    note.accept("function", "Incorrect operand type for operator or function; operator or function: " + name
                            + ", operand type: " + (type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type));
                } else if (args.get(1) instanceof Operand.Value v && v.value() instanceof AttributeValue.S s
                        && !TYPE_NAMES.contains(s.value())) {
                    note.accept("function", "Invalid attribute type name found; type: " + s.value()
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
            }
            default -> {
            }
        }
    }

    /** BETWEEN with two values: the same type, the lower not above the upper. */
    static void bounds(Operand low, Operand high, BiConsumer<String, String> note) {
        if (low instanceof Operand.Value l && high instanceof Operand.Value h && l.value() != null && h.value() != null) {
            String lt = l.value().type();
            String ht = h.value().type();
            String shown = "lower bound operand: AttributeValue: {" + lt + ":" + Show.value(l.value()) + "}, upper bound operand: AttributeValue: {"
                    + ht + ":" + Show.value(h.value()) + "}";
            if (!lt.equals(ht)) {
                note.accept("function", "The BETWEEN operator requires same data type for lower and upper bounds; " + shown);
            } else if (wildrydes.tables.item.Values.isOrdered(l.value())
                    && wildrydes.tables.item.Values.compare(l.value(), h.value()) > 0) {
                note.accept("function", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + shown);
            }
        }
    }
}
