package wildrydes.tables.expr;

import wildrydes.tables.item.AttributeValue;

/** One action of an UpdateExpression (or of legacy AttributeUpdates). */
public sealed interface UpdateAction {

    DocPath path();

    record Set(DocPath path, Operand value) implements UpdateAction {
    }

    record Remove(DocPath path) implements UpdateAction {
    }

    /** Adds a number, or the elements of a set (legacy AttributeUpdates may also append a list). */
    record Add(DocPath path, AttributeValue value) implements UpdateAction {
    }

    /** Removes the elements of a set. */
    record Delete(DocPath path, AttributeValue value) implements UpdateAction {
    }
}
