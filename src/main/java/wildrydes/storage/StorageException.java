package wildrydes.storage;

/** A failure of the storage engine (I/O error, a log closed under a writer, ...). */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
