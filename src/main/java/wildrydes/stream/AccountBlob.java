package wildrydes.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import wildrydes.storage.StorageEngine;

/** The account settings, kept in one small blob. */
final class AccountBlob {
    private static final String BLOB = "account-settings";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccountBlob() {
    }

    static StreamService.BillingCommitment read(StorageEngine storage) {
        byte[] stored = storage.readBlob(BLOB);
        if (stored == null) {
            return StreamService.BillingCommitment.DISABLED;
        }
        try {
            return JSON.readValue(stored, StreamService.BillingCommitment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable account settings", e);
        }
    }

    static void write(StorageEngine storage, StreamService.BillingCommitment commitment) {
        try {
            storage.writeBlob(BLOB, JSON.writeValueAsBytes(commitment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
