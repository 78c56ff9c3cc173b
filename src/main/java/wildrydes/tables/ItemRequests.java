package wildrydes.tables;

import java.util.List;
import java.util.Map;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.expr.UpdatePlan;
import wildrydes.tables.item.AttributeValue;

/**
 * Item operations as the service takes them: parsed, checked against everything that does not
 * need the table, with expressions resolved. {@code condition} is null when there is none;
 * {@code returnOldOnFailure} is ReturnValuesOnConditionCheckFailure ALL_OLD.
 */
public final class ItemRequests {
    private ItemRequests() {
    }

    public record Put(String table, Map<String, AttributeValue> item, Condition condition, String returnValues,
                      boolean returnOldOnFailure) {
    }

    /** {@code legacy}: the plan came from AttributeUpdates, whose type errors are worded differently. */
    public record Update(String table, Map<String, AttributeValue> key, UpdatePlan plan, boolean legacy, Condition condition,
                         String returnValues, boolean returnOldOnFailure) {
    }

    public record Delete(String table, Map<String, AttributeValue> key, Condition condition, String returnValues,
                         boolean returnOldOnFailure) {
    }

    /** A transaction's ConditionCheck. */
    public record Check(String table, Map<String, AttributeValue> key, Condition condition, boolean returnOldOnFailure) {
    }

    /** {@code projection}: null for the whole item. */
    public record Get(String table, Map<String, AttributeValue> key, List<DocPath> projection, boolean consistent) {
    }

    /** What a write answers: the attributes ReturnValues asked for (null for none) and the capacity it consumed. */
    public record Written(Map<String, AttributeValue> attributes, Consumed consumed) {
    }
}
