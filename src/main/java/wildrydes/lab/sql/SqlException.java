package wildrydes.lab.sql;

/** A query that failed, with the engine's message on one line (and the position, when it gives one). */
public final class SqlException extends RuntimeException {
    public SqlException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The engine's error on one line, with the position as "(line L, column C)" when the engine gives one. */
    public static SqlException from(java.sql.SQLException e) {
        return SqlErrors.wrap(e);
    }
}
