package wildrydes.tables.storage;

import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A named, ordered map of byte-string keys to byte-string values, with metadata of its own
 * (a table's definition, to the layer above). Readers may use it at any time; only the store
 * changes it, one batch at a time.
 */
public final class Keyspace {
    private final String name;
    private volatile byte[] metadata;
    private final ConcurrentSkipListMap<byte[], byte[]> entries = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final NavigableMap<byte[], byte[]> readOnly = Collections.unmodifiableNavigableMap(entries);
    private volatile long count;
    private volatile long bytes;

    Keyspace(String name, byte[] metadata) {
        this.name = name;
        this.metadata = metadata;
    }

    public String name() {
        return name;
    }

    public byte[] metadata() {
        return metadata;
    }

    /** The value stored under the key, or null. */
    public byte[] get(byte[] key) {
        return entries.get(key);
    }

    /** Every entry in key order (unsigned bytes); a live view, weakly consistent while writes go on. */
    public NavigableMap<byte[], byte[]> entries() {
        return readOnly;
    }

    /** Number of entries. */
    public long count() {
        return count;
    }

    /** Bytes of keys and values together. */
    public long bytes() {
        return bytes;
    }

    void setMetadata(byte[] metadata) {
        this.metadata = metadata;
    }

    // Called only by the store, under its write lock: the counters need no atomics.
    void put(byte[] key, byte[] value) {
        byte[] previous = entries.put(key, value);
        if (previous == null) {
            count = count + 1;
            bytes = bytes + key.length + value.length;
        } else {
            bytes = bytes + value.length - previous.length;
        }
    }

    void remove(byte[] key) {
        byte[] previous = entries.remove(key);
        if (previous != null) {
            count = count - 1;
            bytes = bytes - key.length - previous.length;
        }
    }
}
