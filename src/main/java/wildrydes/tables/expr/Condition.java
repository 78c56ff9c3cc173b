package wildrydes.tables.expr;

import java.util.List;

/** A condition on an item: a ConditionExpression, a FilterExpression, or a legacy condition converted. */
public sealed interface Condition {

    /** {@code =, <>, <, <=, >, >=}. */
    record Compare(String operator, Operand left, Operand right) implements Condition {
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
    }

    record In(Operand value, List<Operand> options) implements Condition {
    }

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
    record Function(String name, List<Operand> arguments) implements Condition {
    }

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition of) implements Condition {
    }

    /** Always true: no condition. */
    record True() implements Condition {
    }
}
