package wildrydes.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import wildrydes.storage.StorageEngine;

/** The account settings, kept in one small blob. */
final class AccountBlob {
    private static final String BLOB = "account-settings";

    private AccountBlob() {
    }

    static StreamService.BillingCommitment read(StorageEngine storage) {
        byte[] stored = storage.readBlob(BLOB);
        if (stored == null) {
            return StreamService.BillingCommitment.DISABLED;
        }
        try {
            return StoredJson.mapper().readValue(stored, StreamService.BillingCommitment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable account settings", e);
        }
    }

    static void write(StorageEngine storage, StreamService.BillingCommitment commitment) {
        try {
            storage.writeBlob(BLOB, StoredJson.mapper().writeValueAsBytes(commitment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
