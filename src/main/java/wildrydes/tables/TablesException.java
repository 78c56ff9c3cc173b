package wildrydes.tables;

import java.util.List;
import java.util.Map;
import wildrydes.tables.item.AttributeValue;

/**
 * An error the DynamoDB API reports to the client. A failed condition may carry the item
 * (ReturnValuesOnConditionCheckFailure), a cancelled transaction its reasons.
 */
public class TablesException extends RuntimeException {
    private final TablesError error;
    private final Map<String, AttributeValue> item;
    private final List<CancellationReason> reasons;

    /** Why one action of a transaction was cancelled: {@code None} for the ones that were fine. */
    public record CancellationReason(String code, String message, Map<String, AttributeValue> item) {
    }

    public TablesException(TablesError error, String message) {
        this(error, message, null, null);
    }

    public TablesException(TablesError error, String message, Map<String, AttributeValue> item, List<CancellationReason> reasons) {
        super(message, null, false, false); // answers, not bugs: no stack trace
        this.error = error;
        this.item = item;
        this.reasons = reasons;
    }

    public TablesError error() {
        return error;
    }

    /** The item as it was, when the request asked for it on a failed condition; else null. */
    public Map<String, AttributeValue> item() {
        return item;
    }

    public List<CancellationReason> reasons() {
        return reasons;
    }

    public static TablesException validation(String message) {
        return new TablesException(TablesError.ValidationException, message);
    }

    public static TablesException notFound() {
        return new TablesException(TablesError.ResourceNotFoundException, "Requested resource not found");
    }

    public static TablesException conditionFailed(Map<String, AttributeValue> item) {
        return new TablesException(TablesError.ConditionalCheckFailedException, "The conditional request failed", item, null);
    }
}
