package wildrydes.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import wildrydes.storage.StorageEngine;

/**
 * The account settings of DescribeAccountSettings and UpdateAccountSettings: the minimum
 * throughput billing commitment, kept in one small blob.
 */
public final class BillingCommitments {
    private static final String BLOB = "account-settings";

    /** The account's minimum throughput billing commitment. */
    public record BillingCommitment(String status, long startedAtMillis, long endedAtMillis, long earliestAllowedEndAtMillis) {
        static final BillingCommitment DISABLED = new BillingCommitment("DISABLED", 0, 0, 0);
    }

    private final StorageEngine storage;
    private final ServiceSettings settings;

    public BillingCommitments(StorageEngine storage, ServiceSettings settings) {
        this.storage = storage;
        this.settings = settings;
    }

    public synchronized BillingCommitment current() {
        BillingCommitment current = read();
        if (current.status().equals("ENABLED_UNTIL_EARLIEST_ALLOWED_END")
                && settings.clock().millis() >= current.earliestAllowedEndAtMillis()) {
            return new BillingCommitment("DISABLED", current.startedAtMillis(), current.endedAtMillis(), current.earliestAllowedEndAtMillis());
        }
        return current;
    }

    /** Enabling starts a commitment of at least a day; disabling before then lets it run to its earliest end. */
    public synchronized BillingCommitment update(boolean enable) {
        BillingCommitment current = current();
        long now = settings.clock().millis();
        BillingCommitment next;
        if (enable) {
            next = current.status().equals("DISABLED") ? new BillingCommitment("ENABLED", now, 0, now + 86_400_000L)
                    : new BillingCommitment("ENABLED", current.startedAtMillis(), 0, current.earliestAllowedEndAtMillis());
        } else if (current.status().equals("DISABLED")) {
            next = current;
        } else if (now < current.earliestAllowedEndAtMillis()) {
            next = new BillingCommitment("ENABLED_UNTIL_EARLIEST_ALLOWED_END", current.startedAtMillis(),
                    current.earliestAllowedEndAtMillis(), current.earliestAllowedEndAtMillis());
        } else {
            next = new BillingCommitment("DISABLED", current.startedAtMillis(), now, current.earliestAllowedEndAtMillis());
        }
        write(next);
        return next;
    }

    private BillingCommitment read() {
        byte[] stored = storage.readBlob(BLOB);
        if (stored == null) {
            return BillingCommitment.DISABLED;
        }
        try {
            return StoredJson.mapper().readValue(stored, BillingCommitment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable account settings", e);
        }
    }

    private void write(BillingCommitment commitment) {
        try {
            storage.writeBlob(BLOB, StoredJson.mapper().writeValueAsBytes(commitment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
