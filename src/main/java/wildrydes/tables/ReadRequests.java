package wildrydes.tables;

import java.util.List;
import java.util.Map;
import java.util.Set;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.expr.Legacy;
import wildrydes.tables.item.AttributeValue;

/** Query and Scan as the service takes them (see {@link ItemRequests}). */
public final class ReadRequests {
    private ReadRequests() {
    }

    /**
     * @param keyConditions attribute to condition, from KeyConditions or a KeyConditionExpression
     * @param filter        null for none; {@code filterHeads} are the attributes it reads
     * @param filterName    how messages name the filter: "Filter Expression" or "QueryFilter"
     * @param projection    null for every attribute
     * @param select        null for the default
     * @param limit         null for none
     */
    public record Query(String table, String index, Map<String, Legacy.Filter> keyConditions, Condition filter,
                        Set<String> filterHeads, String filterName, List<DocPath> projection, String select, Integer limit,
                        boolean forward, boolean consistent, Map<String, AttributeValue> exclusiveStartKey) {
    }

    public record Scan(String table, String index, Condition filter, List<DocPath> projection, String select, Integer limit,
                       boolean consistent, Map<String, AttributeValue> exclusiveStartKey, Integer segment, Integer totalSegments) {
    }

    /** One page: {@code items} is null for Select COUNT; {@code lastEvaluatedKey} null on the last page. */
    public record Page(List<Map<String, AttributeValue>> items, int count, int scannedCount,
                       Map<String, AttributeValue> lastEvaluatedKey, Consumed consumed) {
    }
}
