package wildrydes.tables;

import java.util.List;
import java.util.Map;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.item.AttributeValue;

/** BatchGetItem, BatchWriteItem and the transactions, as the service takes them. */
public final class BatchRequests {
    private BatchRequests() {
    }

    /** The keys to read from one table, with what to return of each item. */
    public record TableKeys(List<Map<String, AttributeValue>> keys, List<DocPath> projection, boolean consistent) {
    }

    /** One request of a BatchWriteItem: a put (item) or a delete (key). */
    public record WriteRequest(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
        public boolean isPut() {
            return item != null;
        }
    }

    /** BatchGetItem's answer: items by table, and the capacity each table consumed. */
    public record GetResult(Map<String, List<Map<String, AttributeValue>>> items, List<Consumed> consumed) {
    }

    /** One action of a TransactWriteItems: exactly one of the four is set. */
    public record TransactAction(ItemRequests.Put put, ItemRequests.Update update, ItemRequests.Delete delete, ItemRequests.Check check) {
        String table() {
            return put != null ? put.table() : update != null ? update.table() : delete != null ? delete.table() : check.table();
        }
    }
}
