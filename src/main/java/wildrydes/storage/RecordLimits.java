package wildrydes.storage;

import java.util.List;
import java.util.Objects;

/**
 * The limits a record must respect to be stored, shared by both engines so that they accept and
 * return exactly the same records.
 */
final class RecordLimits {

    /** The partition key's length field is a u16. */
    static final int MAX_PARTITION_KEY_BYTES = 0xFFFF;
    /** The explicit hash key's length field is a u8. */
    static final int MAX_EXPLICIT_HASH_KEY_BYTES = 0xFF;
    /** Far above any Kinesis record; bounds what a reader may allocate for a frame. */
    static final int MAX_DATA_BYTES = 64 * 1024 * 1024;

    private RecordLimits() {
    }

    static void checkBatch(List<RecordToAppend> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
    }

    /** Returns the UTF-8 length of the partition key after checking every field of the record. */
    static int check(RecordToAppend record) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(record.partitionKey(), "partitionKey");
        Objects.requireNonNull(record.data(), "data");
        int keyBytes = utf8Length(record.partitionKey());
        if (keyBytes > MAX_PARTITION_KEY_BYTES) {
            throw new IllegalArgumentException("partition key of " + keyBytes + " UTF-8 bytes exceeds " + MAX_PARTITION_KEY_BYTES);
        }
        String hashKey = record.explicitHashKey();
        if (hashKey != null) {
            if (hashKey.length() > MAX_EXPLICIT_HASH_KEY_BYTES) {
                throw new IllegalArgumentException("explicit hash key longer than " + MAX_EXPLICIT_HASH_KEY_BYTES + " characters");
            }
            for (int i = 0; i < hashKey.length(); i++) {
                if (hashKey.charAt(i) > 0x7F) {
                    throw new IllegalArgumentException("explicit hash key is not ASCII");
                }
            }
        }
        if (record.data().length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("record data of " + record.data().length + " bytes exceeds " + MAX_DATA_BYTES);
        }
        return keyBytes;
    }

    /** The frame stores "no explicit hash key" as length 0, so an empty one reads back as none. */
    static String normalizedExplicitHashKey(String explicitHashKey) {
        return explicitHashKey == null || explicitHashKey.isEmpty() ? null : explicitHashKey;
    }

    /** UTF-8 length without encoding; rejects unpaired surrogates, which UTF-8 cannot carry. */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("partition key contains an unpaired surrogate at index " + i);
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
