package wildrydes.tables;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.Evaluator;
import wildrydes.tables.expr.Legacy;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.KeyCodec;

/**
 * Query and Scan: the checks that need the table or index, then the range of stored keys to
 * read (a partition, narrowed by the sort key condition; a scan segment), read by {@link PageReader}.
 */
final class Queries {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private final TableCatalog catalog;

    Queries(TableCatalog catalog) {
        this.catalog = catalog;
    }

    ReadRequests.Page query(ReadRequests.Query q) {
        Table table = catalog.active(q.table());
        PageReader.Source source = source(table, q.index(), q.consistent(), q.select());
        KeySchema key = source.index() == null ? table.key() : source.index().definition().key();
        Map<String, Legacy.Filter> conditions = q.keyConditions();
        checkKeyConditions(key, conditions);
        if (q.filter() != null) {
            for (String head : q.filterHeads()) {
                if (key.isKeyAttribute(head)) {
                    throw TablesException.validation(q.filterName() + " can only contain non-primary key attributes: Primary key attribute: " + head);
                }
            }
        }
        AttributeValue hash = conditions.get(key.hashName()).values().getFirst();
        Legacy.Filter range = key.hasRange() ? conditions.get(key.rangeName()) : null;
        byte[] partition = KeyCodec.key(hash, null);
        byte[] from = partition;
        byte[] to = KeyCodec.after(partition);
        boolean fromInclusive = true;
        if (range != null) {
            AttributeValue v = range.values().getFirst();
            switch (range.operator()) {
                case "EQ" -> {
                    from = KeyCodec.withComponent(partition, v);
                    to = KeyCodec.after(from);
                }
                case "LT" -> to = KeyCodec.withComponent(partition, v);
                case "LE" -> to = KeyCodec.after(KeyCodec.withComponent(partition, v));
                case "GT" -> from = KeyCodec.after(KeyCodec.withComponent(partition, v));
                case "GE" -> from = KeyCodec.withComponent(partition, v);
                case "BETWEEN" -> {
                    from = KeyCodec.withComponent(partition, v);
                    to = KeyCodec.after(KeyCodec.withComponent(partition, range.values().get(1)));
                }
                case "BEGINS_WITH" -> {
                    from = KeyCodec.withComponentPrefix(partition, v);
                    to = KeyCodec.after(from);
                }
                default -> throw new IllegalStateException(range.operator());
            }
        }
        if (q.exclusiveStartKey() != null) {
            checkStartKey(table, source, q.exclusiveStartKey());
            AttributeValue startHash = q.exclusiveStartKey().get(key.hashName());
            if (!hash.equals(startHash)) {
                throw TablesException.validation("The provided starting key is outside query boundaries based on provided conditions");
            }
            if (range != null && !Evaluator.matches(Legacy.condition(key.rangeName(), range.operator(), range.values()), q.exclusiveStartKey())) {
                throw TablesException.validation("The provided starting key does not match the range key predicate");
            }
            byte[] start = entryKey(table, source, q.exclusiveStartKey());
            if (q.forward()) {
                from = start;
                fromInclusive = false;
            } else {
                to = start;
            }
        }
        NavigableMap<byte[], byte[]> all = entries(source);
        NavigableMap<byte[], byte[]> slice = Arrays2.compare(from, to) >= 0 && to != null ? Collections.emptyNavigableMap()
                : to == null ? all.tailMap(from, fromInclusive) : all.subMap(from, fromInclusive, to, false);
        Iterator<Map.Entry<byte[], byte[]>> entries = (q.forward() ? slice : slice.descendingMap()).entrySet().iterator();
        return PageReader.read(source, entries, q.limit(), q.filter(), q.projection(), "COUNT".equals(q.select()), q.consistent());
    }

    ReadRequests.Page scan(ReadRequests.Scan s) {
        Table table = catalog.active(s.table());
        PageReader.Source source = source(table, s.index(), s.consistent(), s.select());
        NavigableMap<byte[], byte[]> all = entries(source);
        byte[] from = s.segment() == null ? null : KeyCodec.segmentStart(s.segment(), s.totalSegments());
        byte[] to = s.segment() == null ? null : KeyCodec.segmentEnd(s.segment(), s.totalSegments());
        boolean fromInclusive = true;
        if (s.exclusiveStartKey() != null) {
            checkStartKey(table, source, s.exclusiveStartKey());
            from = entryKey(table, source, s.exclusiveStartKey());
            fromInclusive = false;
        }
        NavigableMap<byte[], byte[]> slice = all;
        if (from != null && to != null) {
            slice = Arrays2.compare(from, to) >= 0 ? Collections.emptyNavigableMap() : all.subMap(from, fromInclusive, to, false);
        } else if (from != null) {
            slice = all.tailMap(from, fromInclusive);
        } else if (to != null) {
            slice = all.headMap(to, false);
        }
        return PageReader.read(source, slice.entrySet().iterator(), s.limit(), s.filter(), s.projection(), "COUNT".equals(s.select()),
                s.consistent());
    }

    private static NavigableMap<byte[], byte[]> entries(PageReader.Source source) {
        return source.index() == null ? source.table().keyspace().entries() : source.index().entries();
    }

    private static PageReader.Source source(Table table, String indexName, boolean consistent, String select) {
        if (indexName == null) {
            if ("ALL_PROJECTED_ATTRIBUTES".equals(select)) {
                throw TablesException.validation(INVALID + "Select type ALL_PROJECTED_ATTRIBUTES is supported only for index queries");
            }
            return new PageReader.Source(table, null);
        }
        SecondaryIndex index = table.index(indexName);
        if (index == null) {
            throw TablesException.validation("The table does not have the specified index: " + indexName);
        }
        IndexDefinition d = index.definition();
        if (d.global() && consistent) {
            throw TablesException.validation("Consistent reads are not supported on global secondary indexes");
        }
        if (d.global() && "ALL_ATTRIBUTES".equals(select) && !d.projectionType().equals("ALL")) {
            throw TablesException.validation(INVALID + "Select type ALL_ATTRIBUTES is not supported for global secondary index "
                    + indexName + " because its projection type is not ALL");
        }
        if (d.status().equals("CREATING")) {
            throw TablesException.validation("Cannot read from backfilling global secondary index: " + indexName);
        }
        return new PageReader.Source(table, index);
    }

    private static void checkKeyConditions(KeySchema key, Map<String, Legacy.Filter> conditions) {
        if (!key.hasRange() && conditions.size() > 1) {
            throw TablesException.validation("Query key condition not supported");
        }
        for (String attribute : key.hasRange() ? List.of(key.hashName(), key.rangeName()) : List.of(key.hashName())) {
            Legacy.Filter c = conditions.get(attribute);
            boolean hash = attribute.equals(key.hashName());
            if (c == null) {
                if (hash || conditions.size() > 1) {
                    throw TablesException.validation("Query condition missed key schema element: " + attribute);
                }
                continue;
            }
            if (List.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN").contains(c.operator())) {
                throw TablesException.validation("Attempted conditional constraint is not an indexable operation");
            }
            String type = key.typeOf(attribute);
            if (c.values().stream().anyMatch(v -> !v.type().equals(type))) {
                throw TablesException.validation(INVALID + "Condition parameter type does not match schema type");
            }
            if (hash && !c.operator().equals("EQ")) {
                throw TablesException.validation("Query key condition not supported");
            }
        }
    }

    /** An ExclusiveStartKey: exactly the table key (and the index key for an index), of the right types. */
    private static void checkStartKey(Table table, PageReader.Source source, Map<String, AttributeValue> start) {
        KeySchema tableKey = table.key();
        int expected = tableKey.size();
        if (source.index() != null) {
            KeySchema indexKey = source.index().definition().key();
            for (String name : indexKey.hasRange() ? List.of(indexKey.hashName(), indexKey.rangeName()) : List.of(indexKey.hashName())) {
                if (!tableKey.isKeyAttribute(name)) {
                    expected++;
                }
                AttributeValue v = start.get(name);
                if (v == null || !v.type().equals(indexKey.typeOf(name))) {
                    throw TablesException.validation("The provided starting key is invalid");
                }
            }
        }
        if (start.size() != expected) {
            throw TablesException.validation("The provided starting key is invalid");
        }
        try {
            Keys.checkKey(tableKey, tableKey.keyOf(start));
        } catch (TablesException e) {
            throw TablesException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    private static byte[] entryKey(Table table, PageReader.Source source, Map<String, AttributeValue> start) {
        if (source.index() == null) {
            return table.key().storageKey(start);
        }
        return source.index().entryKey(start);
    }

    /** Unsigned comparison with null as "no bound". */
    private static final class Arrays2 {
        static int compare(byte[] a, byte[] b) {
            return b == null ? -1 : java.util.Arrays.compareUnsigned(a, b);
        }
    }

    static Condition none() {
        return null;
    }
}
