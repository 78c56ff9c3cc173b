package wildrydes.tables.storage;

/** The table storage cannot do what was asked: an I/O failure, a closed store, unreadable data. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
