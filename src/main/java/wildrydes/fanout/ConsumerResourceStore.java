package wildrydes.fanout;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wildrydes.storage.StorageEngine;
import wildrydes.stream.StoredJson;

/**
 * Tags and resource policies of stream consumers, by consumer ARN, kept in one blob. Small and
 * changed rarely, so it is rewritten whole on each change.
 */
final class ConsumerResourceStore {
    private static final String BLOB = "consumer-resources";

    record Entry(Map<String, String> tags, String policy) {
    }

    private final StorageEngine storage;
    private final Map<String, Entry> byArn;

    ConsumerResourceStore(StorageEngine storage) {
        this.storage = storage;
        byte[] stored = storage.readBlob(BLOB);
        try {
            this.byArn = stored == null ? new TreeMap<>() : StoredJson.mapper().readValue(stored, new TypeReference<TreeMap<String, Entry>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable consumer resources", e);
        }
    }

    synchronized Map<String, String> tags(String arn) {
        Entry entry = byArn.get(arn);
        return entry == null || entry.tags() == null ? new TreeMap<>() : new TreeMap<>(entry.tags());
    }

    synchronized String policy(String arn) {
        Entry entry = byArn.get(arn);
        return entry == null ? null : entry.policy();
    }

    synchronized void putTags(String arn, Map<String, String> tags) {
        Map<String, String> merged = tags(arn);
        merged.putAll(tags);
        byArn.put(arn, new Entry(merged, policy(arn)));
        save();
    }

    synchronized void removeTags(String arn, List<String> keys) {
        Map<String, String> remaining = tags(arn);
        keys.forEach(remaining::remove);
        byArn.put(arn, new Entry(remaining, policy(arn)));
        save();
    }

    synchronized void putPolicy(String arn, String policy) {
        byArn.put(arn, new Entry(tags(arn), policy));
        save();
    }

    /** Forgets a deregistered consumer. */
    synchronized void remove(String arn) {
        if (byArn.remove(arn) != null) {
            save();
        }
    }

    private void save() {
        try {
            storage.writeBlob(BLOB, StoredJson.mapper().writeValueAsBytes(byArn));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
