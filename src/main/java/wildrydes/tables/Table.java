package wildrydes.tables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.ItemCodec;
import wildrydes.tables.storage.Keyspace;

/**
 * A live table: its definition, its items (a storage keyspace) and its secondary indexes. Writes
 * to a table are serialised by its lock, so a condition is checked against the state the write
 * then changes.
 */
final class Table {
    final ReentrantLock writeLock = new ReentrantLock();
    private final Keyspace keyspace;
    private volatile TableDefinition definition;
    private volatile Map<String, SecondaryIndex> indexes = Map.of();

    Table(TableDefinition definition, Keyspace keyspace) {
        this.definition = definition;
        this.keyspace = keyspace;
        rebuildIndexes(definition.indexes());
    }

    TableDefinition definition() {
        return definition;
    }

    void setDefinition(TableDefinition definition) {
        this.definition = definition;
    }

    Keyspace keyspace() {
        return keyspace;
    }

    String name() {
        return definition.name();
    }

    KeySchema key() {
        return definition.key();
    }

    SecondaryIndex index(String name) {
        return indexes.get(name);
    }

    /** The item stored under the key, or null. */
    Map<String, AttributeValue> item(byte[] storedKey) {
        byte[] bytes = keyspace.get(storedKey);
        return bytes == null ? null : ItemCodec.decode(bytes);
    }

    /** Brings the indexes in line with the definition, building new ones from the items (under the write lock, or at start). */
    void rebuildIndexes(List<IndexDefinition> definitions) {
        Map<String, SecondaryIndex> next = new LinkedHashMap<>();
        for (IndexDefinition d : definitions) {
            SecondaryIndex existing = indexes.get(d.name());
            if (existing != null && existing.definition().key().equals(d.key())) {
                existing.setDefinition(d); // a new state or capacity: same entries
                next.put(d.name(), existing);
                continue;
            }
            SecondaryIndex index = new SecondaryIndex(d, definition.key());
            for (Map.Entry<byte[], byte[]> e : keyspace.entries().entrySet()) {
                index.update(null, ItemCodec.decode(e.getValue()), e.getKey());
            }
            next.put(d.name(), index);
        }
        indexes = next;
    }

    /** Keeps every index in step with one item's change (under the write lock). */
    void indexChange(Map<String, AttributeValue> before, Map<String, AttributeValue> after, byte[] storedKey) {
        for (SecondaryIndex index : indexes.values()) {
            index.update(before, after, storedKey);
        }
    }
}
