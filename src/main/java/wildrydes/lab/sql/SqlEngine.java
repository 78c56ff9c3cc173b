package wildrydes.lab.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's SQL engine: an embedded, in-process DuckDB database (nothing listens, nothing is
 * downloaded). The aggregation runs each closed window's query on it and the data lake's
 * {@code query} reads archived files with it. One engine is one connection, used by one thread
 * at a time; errors come back as {@link SqlException} with a one-line message.
 */
public final class SqlEngine implements AutoCloseable {
    private final Connection connection;

    private SqlEngine(Connection connection) {
        this.connection = connection;
    }

    /** A database in memory only, using at most {@code threads} threads (0: DuckDB's default, one per core). */
    public static SqlEngine inMemory(int threads) {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            SqlEngine engine = new SqlEngine(connection);
            if (threads > 0) {
                engine.execute("SET threads = " + threads);
            }
            return engine;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SqlException("the SQL engine (DuckDB) could not be loaded: " + e
                    + "; rebuild with ./wildrydes --version, which puts target/lib/duckdb_jdbc.jar next to the jar", e);
        } catch (SQLException e) {
            throw SqlErrors.wrap(e);
        }
    }

    /** The JDBC connection, for appenders and prepared statements; callers keep to one thread. */
    public Connection connection() {
        return connection;
    }

    /** Runs a statement that returns no rows. */
    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.wrap(e);
        }
    }

    /** Runs a query and returns its rows as JSON objects, columns in the query's order. */
    public List<ObjectNode> rows(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return rows(result);
        } catch (SQLException e) {
            throw SqlErrors.wrap(e);
        }
    }

    /** Every remaining row of {@code result} as a JSON object. */
    public static List<ObjectNode> rows(ResultSet result) throws SQLException {
        RowJson json = new RowJson(result.getMetaData());
        List<ObjectNode> rows = new ArrayList<>();
        while (result.next()) {
            rows.add(json.row(result));
        }
        return rows;
    }

    /**
     * A JDBC value as the rows above show it: timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS}, exact
     * numbers kept, lists and structs nested (for tools that print results their own way).
     */
    public static com.fasterxml.jackson.databind.JsonNode valueAsJson(Object value) throws SQLException {
        return RowJson.value(value);
    }

    /** The names and SQL types of the columns {@code sql} would return, without running it over any data. */
    public List<Column> describe(String sql) {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("DESCRIBE " + sql)) {
            List<Column> columns = new ArrayList<>();
            while (result.next()) {
                columns.add(new Column(result.getString("column_name"), result.getString("column_type")));
            }
            return columns;
        } catch (SQLException e) {
            throw SqlErrors.wrap(e);
        }
    }

    /** A result column: its name and DuckDB type (VARCHAR, BIGINT, DOUBLE, TIMESTAMP, ...). */
    public record Column(String name, String type) {
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw SqlErrors.wrap(e);
        }
    }
}
