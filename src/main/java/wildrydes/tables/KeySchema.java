package wildrydes.tables;

import java.util.LinkedHashMap;
import java.util.Map;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.KeyCodec;

/**
 * The key of a table or index: a partition (HASH) attribute and, optionally, a sort (RANGE)
 * attribute, each of type S, N or B.
 */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {

    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKeyAttribute(String name) {
        return name.equals(hashName) || name.equals(rangeName);
    }

    /** The type an attribute must have as part of this key, or null when it is not part of it. */
    public String typeOf(String name) {
        return name.equals(hashName) ? hashType : name.equals(rangeName) ? rangeType : null;
    }

    /** Whether the item has every key attribute (an index leaves out items that do not). */
    public boolean coveredBy(Map<String, AttributeValue> item) {
        return item.containsKey(hashName) && (rangeName == null || item.containsKey(rangeName));
    }

    /** The stored key of an item (or key) that has the key attributes. */
    public byte[] storageKey(Map<String, AttributeValue> item) {
        return KeyCodec.key(item.get(hashName), rangeName == null ? null : item.get(rangeName));
    }

    /** Just the key attributes of an item. */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(hashName, item.get(hashName));
        if (rangeName != null) {
            key.put(rangeName, item.get(rangeName));
        }
        return key;
    }

    public int size() {
        return rangeName == null ? 1 : 2;
    }
}
