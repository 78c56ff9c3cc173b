package wildrydes.lab.sql;

/** A query that failed, with the engine's message on one line (and the position, when it gives one). */
public final class SqlException extends RuntimeException {
    public SqlException(String message, Throwable cause) {
        super(message, cause);
    }
}
