package wildrydes.tables.storage;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory state of a store: every keyspace, changed only through {@link #apply}. */
final class KeyspaceSet {
    private final ConcurrentHashMap<String, Keyspace> keyspaces = new ConcurrentHashMap<>();

    Keyspace get(String name) {
        return keyspaces.get(name);
    }

    Collection<Keyspace> all() {
        return keyspaces.values();
    }

    /** Applies a batch in order. Entries of a keyspace that does not exist are ignored (replay after a drop). */
    void apply(List<Mutation> batch) {
        for (Mutation m : batch) {
            switch (m) {
                case Mutation.PutKeyspace p -> {
                    Keyspace existing = keyspaces.get(p.keyspace());
                    if (existing == null) {
                        keyspaces.put(p.keyspace(), new Keyspace(p.keyspace(), p.metadata()));
                    } else {
                        existing.setMetadata(p.metadata());
                    }
                }
                case Mutation.DropKeyspace d -> keyspaces.remove(d.keyspace());
                case Mutation.Put p -> {
                    Keyspace space = keyspaces.get(p.keyspace());
                    if (space != null) {
                        space.put(p.key(), p.value());
                    }
                }
                case Mutation.Delete d -> {
                    Keyspace space = keyspaces.get(d.keyspace());
                    if (space != null) {
                        space.remove(d.key());
                    }
                }
            }
        }
    }
}
