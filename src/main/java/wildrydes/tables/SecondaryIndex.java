package wildrydes.tables;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.KeyCodec;

/**
 * A secondary index in memory, derived from the table's items (so it is rebuilt at start, never
 * stored): index key, then the table key to tell items apart, mapped to the item's stored key.
 * Items without the index's key attributes are not in it.
 */
final class SecondaryIndex {
    private volatile IndexDefinition definition;
    private final KeySchema tableKey;
    private final ConcurrentSkipListMap<byte[], byte[]> entries = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    SecondaryIndex(IndexDefinition definition, KeySchema tableKey) {
        this.definition = definition;
        this.tableKey = tableKey;
    }

    IndexDefinition definition() {
        return definition;
    }

    void setDefinition(IndexDefinition definition) {
        this.definition = definition;
    }

    NavigableMap<byte[], byte[]> entries() {
        return entries;
    }

    /** The entry key of an item, or null when the item is not in this index. */
    byte[] entryKey(Map<String, AttributeValue> item) {
        KeySchema key = definition.key();
        if (item == null || !key.coveredBy(item)) {
            return null;
        }
        AttributeValue hash = item.get(key.hashName());
        AttributeValue range = key.hasRange() ? item.get(key.rangeName()) : null;
        if (!key.hashType().equals(hash.type()) || (range != null && !key.rangeType().equals(range.type()))) {
            return null;
        }
        byte[] prefix = KeyCodec.key(hash, range);
        return KeyCodec.append(prefix, item.get(tableKey.hashName()), tableKey.hasRange() ? item.get(tableKey.rangeName()) : null);
    }

    /** Keeps the index in step with one item changing from {@code before} to {@code after} (either may be null). */
    void update(Map<String, AttributeValue> before, Map<String, AttributeValue> after, byte[] storedKey) {
        byte[] old = entryKey(before);
        byte[] now = entryKey(after);
        if (old != null && (now == null || !Arrays.equals(old, now))) {
            entries.remove(old);
        }
        if (now != null) {
            entries.put(now, storedKey);
        }
    }

    long count() {
        return entries.size();
    }
}
