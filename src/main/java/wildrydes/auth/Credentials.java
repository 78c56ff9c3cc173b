package wildrydes.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The access keys a server accepts, by id; each belongs to one account. */
public final class Credentials {
    private final Map<String, AccessKey> keys;

    private Credentials(Map<String, AccessKey> keys) {
        this.keys = keys;
    }

    /** @throws IllegalArgumentException when an access key id comes twice or there is none */
    public static Credentials of(Collection<AccessKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no access keys");
        }
        Map<String, AccessKey> byId = new LinkedHashMap<>();
        for (AccessKey key : keys) {
            if (byId.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("access key id " + key.id() + " is given twice");
            }
        }
        return new Credentials(byId);
    }

    public static Credentials of(AccessKey... keys) {
        return of(List.of(keys));
    }

    /** The key of this id, or null. */
    public AccessKey find(String accessKeyId) {
        return keys.get(accessKeyId);
    }

    public Collection<AccessKey> keys() {
        return keys.values();
    }

    /** Every account a key acts for, in order. */
    public SortedSet<String> accountIds() {
        SortedSet<String> accounts = new TreeSet<>();
        keys.values().forEach(key -> accounts.add(key.accountId()));
        return accounts;
    }

    @Override
    public String toString() {
        return keys.size() + " access key(s) for account(s) " + String.join(", ", accountIds());
    }
}
