package wildrydes.lab.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Module 3's output as the tests write it: one summary per unicorn per minute, and the table read back. */
final class Summaries {
    private Summaries() {
    }

    /** {@code minutes} summaries for each unicorn, in the shape the aggregation writes (integers, as SMALLINT columns). */
    static List<String> make(List<String> unicorns, int minutes) {
        List<String> out = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            for (int u = 0; u < unicorns.size(); u++) {
                out.add("{\"Name\":\"" + unicorns.get(u) + "\",\"StatusTime\":\"2026-12-03 10:" + String.format("%02d", m)
                        + ":00.000\",\"Distance\":" + (3000 + 7 * m + u) + ",\"MinMagicPoints\":" + (140 + u) + ",\"MaxMagicPoints\":"
                        + (150 + m) + ",\"MinHealthPoints\":" + (130 + m) + ",\"MaxHealthPoints\":" + (160 + u) + "}");
            }
        }
        return out;
    }

    /** Every item of the table as Name|StatusTime -> attributes, sorted. */
    static Map<String, Map<String, AttributeValue>> table(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, AttributeValue>> items = new java.util.TreeMap<>();
        dynamo.scanPaginator(r -> r.tableName(table)).items()
                .forEach(item -> items.put(item.get("Name").s() + "|" + item.get("StatusTime").s(), item));
        return items;
    }

    /** What the table should hold for these summaries: numbers as N, strings as S. */
    static Map<String, Map<String, AttributeValue>> expected(List<String> summaries) {
        Map<String, Map<String, AttributeValue>> items = new java.util.TreeMap<>();
        for (String summary : summaries) {
            Map<String, AttributeValue> item = new LinkedHashMap<>(JsonItems.item(summary.getBytes()));
            items.put(item.get("Name").s() + "|" + item.get("StatusTime").s(), item);
        }
        return items;
    }
}
