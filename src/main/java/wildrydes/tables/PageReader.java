package wildrydes.tables;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.DocPath;
import wildrydes.tables.expr.Evaluator;
import wildrydes.tables.expr.Paths;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.Values;

/**
 * Reads one page of a Query or Scan from ordered entries: at most {@code limit} items or 1 MB
 * of data evaluated, whichever comes first (as DynamoDB does, before the filter), then the
 * filter, the projection and the key to continue from.
 */
final class PageReader {
    static final int MAX_PAGE_BYTES = 1024 * 1024;

    private PageReader() {
    }

    /** Where the items come from: the table itself, or an index (whose entries point at table items). */
    record Source(Table table, SecondaryIndex index) {
        /** The item for an entry, as the source holds it (an index's projection), or null if it went away. */
        Map<String, AttributeValue> item(Map.Entry<byte[], byte[]> entry) {
            if (index == null) {
                return wildrydes.tables.item.ItemCodec.decode(entry.getValue());
            }
            Map<String, AttributeValue> item = table.item(entry.getValue());
            return item == null ? null : projected(item);
        }

        Map<String, AttributeValue> projected(Map<String, AttributeValue> item) {
            IndexDefinition d = index.definition();
            if (d.projectionType().equals("ALL")) {
                return item;
            }
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
                String name = e.getKey();
                if (table.key().isKeyAttribute(name) || d.key().isKeyAttribute(name)
                        || (d.projectionType().equals("INCLUDE") && d.nonKeyAttributes() != null && d.nonKeyAttributes().contains(name))) {
                    out.put(name, e.getValue());
                }
            }
            return out;
        }

        /** The attributes of LastEvaluatedKey: the table key, and the index key for an index. */
        Map<String, AttributeValue> lastKey(Map<String, AttributeValue> item) {
            Map<String, AttributeValue> key = table.key().keyOf(item);
            if (index != null) {
                key.putAll(index.definition().key().keyOf(item));
            }
            return key;
        }
    }

    static ReadRequests.Page read(Source source, Iterator<Map.Entry<byte[], byte[]>> entries, Integer limit, Condition filter,
                                  List<DocPath> projection, boolean countOnly, boolean consistent) {
        List<Map<String, AttributeValue>> items = countOnly ? null : new ArrayList<>();
        int count = 0;
        int scanned = 0;
        long bytes = 0;
        Map<String, AttributeValue> last = null;
        boolean stopped = false;
        while (entries.hasNext()) {
            if ((limit != null && scanned >= limit) || bytes >= MAX_PAGE_BYTES) {
                stopped = true;
                break;
            }
            Map<String, AttributeValue> item = source.item(entries.next());
            if (item == null) {
                continue;
            }
            scanned++;
            bytes += Values.itemSize(item);
            last = item;
            if (filter != null && !Evaluator.matches(filter, item)) {
                continue;
            }
            count++;
            if (items != null) {
                items.add(projection == null ? item : Paths.project(item, projection));
            }
        }
        if (!stopped && limit != null && scanned >= limit) {
            stopped = true; // DynamoDB answers a LastEvaluatedKey whenever the limit was reached
        }
        Map<String, AttributeValue> lastKey = stopped && last != null ? source.lastKey(last) : null;
        String table = source.table().name();
        double units = Consumed.readUnits(bytes, consistent);
        Consumed consumed = source.index() == null ? Consumed.read(table, units)
                : new Consumed(table, 0, source.index().definition().global() ? Map.of(source.index().definition().name(), units) : Map.of(),
                source.index().definition().global() ? Map.of() : Map.of(source.index().definition().name(), units), false);
        return new ReadRequests.Page(items, count, scanned, lastKey, consumed);
    }
}
