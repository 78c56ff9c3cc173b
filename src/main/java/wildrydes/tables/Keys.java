package wildrydes.tables;

import java.util.Map;
import wildrydes.tables.item.AttributeValue;

/** Checks of keys and items against a table's key schema and indexes, worded as DynamoDB words them. */
final class Keys {
    private static final String INVALID = "One or more parameter values were invalid: ";
    static final int MAX_HASH_KEY_BYTES = 2048;
    static final int MAX_RANGE_KEY_BYTES = 1024;

    private Keys() {
    }

    /** A Key parameter: exactly the key attributes, of the right types. */
    static void checkKey(KeySchema schema, Map<String, AttributeValue> key) {
        if (key.size() != schema.size()) {
            throw TablesException.validation("The provided key element does not match the schema");
        }
        checkKeyPart(key, schema.hashName(), schema.hashType(), true);
        if (schema.hasRange()) {
            checkKeyPart(key, schema.rangeName(), schema.rangeType(), false);
        }
    }

    private static void checkKeyPart(Map<String, AttributeValue> key, String name, String type, boolean hash) {
        AttributeValue value = key.get(name);
        if (value == null || !value.type().equals(type)) {
            throw TablesException.validation("The provided key element does not match the schema");
        }
        if (isEmpty(value)) {
            throw TablesException.validation(INVALID + "The AttributeValue for a key attribute cannot contain an empty "
                    + (type.equals("S") ? "string" : "binary") + " value. Key: " + name);
        }
        checkSize(value, hash);
    }

    /** An item to store: it has the key attributes, with the right types, and index keys of the right types. */
    static void checkItem(TableDefinition table, Map<String, AttributeValue> item) {
        KeySchema schema = table.key();
        checkItemKey(item, schema.hashName(), schema.hashType(), true);
        if (schema.hasRange()) {
            checkItemKey(item, schema.rangeName(), schema.rangeType(), false);
        }
        checkIndexKeys(table, item);
    }

    private static void checkItemKey(Map<String, AttributeValue> item, String name, String type, boolean hash) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw TablesException.validation(INVALID + "Missing the key " + name + " in the item");
        }
        if (!value.type().equals(type)) {
            throw TablesException.validation(INVALID + "Type mismatch for key " + name + " expected: " + type + " actual: " + value.type());
        }
        if (isEmpty(value)) {
            throw TablesException.validation("One or more parameter values are not valid. The AttributeValue for a key attribute "
                    + "cannot contain an empty " + (type.equals("S") ? "string" : "binary") + " value. Key: " + name);
        }
        checkSize(value, hash);
    }

    /** Every index key attribute the item has must have the index's type (items without it stay out of the index). */
    static void checkIndexKeys(TableDefinition table, Map<String, AttributeValue> item) {
        for (IndexDefinition index : table.indexes()) {
            KeySchema key = index.key();
            checkIndexKey(item, key.hashName(), key.hashType(), index);
            if (key.hasRange()) {
                checkIndexKey(item, key.rangeName(), key.rangeType(), index);
            }
        }
    }

    private static void checkIndexKey(Map<String, AttributeValue> item, String name, String type, IndexDefinition index) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return;
        }
        if (!value.type().equals(type)) {
            throw TablesException.validation(INVALID + "Type mismatch for Index Key " + name + " Expected: " + type + " Actual: "
                    + value.type() + " IndexName: " + index.name());
        }
        if (isEmpty(value)) {
            throw TablesException.validation("One or more parameter values are not valid. A value specified for a secondary index key "
                    + "is not supported. The AttributeValue for a key attribute cannot contain an empty " + (type.equals("S") ? "string" : "binary")
                    + " value. IndexName: " + index.name() + ", IndexKey: " + name);
        }
    }

    private static boolean isEmpty(AttributeValue value) {
        return (value instanceof AttributeValue.S s && s.value().isEmpty()) || (value instanceof AttributeValue.B b && b.value().length() == 0);
    }

    private static void checkSize(AttributeValue value, boolean hash) {
        if (value instanceof AttributeValue.N) {
            return;
        }
        int size = value.size();
        if (hash && size > MAX_HASH_KEY_BYTES) {
            throw TablesException.validation(INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (!hash && size > MAX_RANGE_KEY_BYTES) {
            throw TablesException.validation(INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }
}
