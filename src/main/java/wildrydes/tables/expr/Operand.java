package wildrydes.tables.expr;

import wildrydes.tables.item.AttributeValue;

/** Something an expression reads a value from. */
public sealed interface Operand {

    /** An attribute of the item (missing when the item has none there). */
    record Path(DocPath path) implements Operand {
    }

    /** An expression attribute value ({@code :name}), or a value given in a legacy parameter. */
    record Value(AttributeValue value) implements Operand {
    }

    /** {@code size(operand)}: length of a string, binary, set, list or map. */
    record Size(Operand of) implements Operand {
    }

    /** {@code if_not_exists(path, operand)}, in an update's SET. */
    record IfNotExists(DocPath path, Operand otherwise) implements Operand {
    }

    /** {@code list_append(a, b)}, in an update's SET. */
    record ListAppend(Operand first, Operand second) implements Operand {
    }

    /** {@code a + b} or {@code a - b}, in an update's SET. */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
    }
}
