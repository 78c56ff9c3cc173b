package wildrydes.lab.aggregate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.sql.SqlException;

/**
 * The open windows' rows in DuckDB: one table per window, filled through DuckDB's appender
 * (columnar, no SQL per row). When a window closes, the view {@code readings} is pointed at its
 * table, the query runs over it, and the table is dropped, so memory holds the open windows
 * only. Confined to the aggregation thread (DuckDB's appender is confined to its thread).
 *
 * <p>{@code readings}: Name VARCHAR, StatusTime TIMESTAMP, Latitude DOUBLE, Longitude DOUBLE,
 * Distance DOUBLE, MagicPoints INTEGER, HealthPoints INTEGER, window_start TIMESTAMP,
 * window_end TIMESTAMP, arrival_time TIMESTAMP.
 */
final class WindowTables {
    static final String VIEW = "readings";
    private static final String EMPTY = "readings_empty";
    private static final String EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";
    private static final String COLUMNS = "Name VARCHAR, StatusTime TIMESTAMP, Latitude DOUBLE, Longitude DOUBLE, Distance DOUBLE, "
            + "MagicPoints INTEGER, HealthPoints INTEGER, arrival_time TIMESTAMP";

    /** One open window: its table and appender. */
    static final class Table {
        final long start;
        final String name;
        final DuckDBAppender appender;
        long rows;

        Table(long start, String name, DuckDBAppender appender) {
            this.start = start;
            this.name = name;
            this.appender = appender;
        }
    }

    private final SqlEngine engine;
    private final DuckDBConnection connection;
    private final ZoneId zone;

    WindowTables(SqlEngine engine, ZoneId zone) {
        this.engine = engine;
        this.connection = (DuckDBConnection) engine.connection();
        this.zone = zone;
        engine.execute("CREATE TABLE IF NOT EXISTS " + EMPTY + " (" + COLUMNS + ")");
    }

    /**
     * The result columns of {@code query} over an empty {@code readings}: it parses and binds
     * (names, types) without any data. Throws {@link SqlException} with DuckDB's message.
     */
    static List<SqlEngine.Column> describe(SqlEngine engine, String query) {
        engine.execute("CREATE TABLE IF NOT EXISTS " + EMPTY + " (" + COLUMNS + ")");
        pointView(engine, EMPTY, EPOCH, EPOCH);
        return engine.describe(query);
    }

    Table open(long start) {
        String name = "window_" + (start < 0 ? "m" + -start : Long.toString(start));
        engine.execute("CREATE TABLE " + name + " (" + COLUMNS + ")");
        try {
            return new Table(start, name, connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, name));
        } catch (SQLException e) {
            throw new SqlException("could not append to " + name + ": " + e.getMessage(), e);
        }
    }

    /** Appends row {@code row} of the batch. */
    void append(Table table, ParsedBatch batch, int row) throws SQLException {
        DuckDBAppender a = table.appender;
        a.beginRow();
        a.append(batch.name[row]);
        if (batch.isNull(row, ParsedBatch.NULL_STATUS_TIME)) {
            a.appendNull();
        } else {
            a.appendEpochMicros(batch.statusTimeMicros[row]);
        }
        appendDouble(a, batch, row, ParsedBatch.NULL_LATITUDE, batch.latitude);
        appendDouble(a, batch, row, ParsedBatch.NULL_LONGITUDE, batch.longitude);
        appendDouble(a, batch, row, ParsedBatch.NULL_DISTANCE, batch.distance);
        appendInt(a, batch, row, ParsedBatch.NULL_MAGIC, batch.magicPoints);
        appendInt(a, batch, row, ParsedBatch.NULL_HEALTH, batch.healthPoints);
        long arrival = batch.arrivalMillis[row];
        a.appendEpochMicros((arrival + LabTime.offsetMillis(zone, arrival)) * 1000);
        a.endRow();
        table.rows++;
    }

    private static void appendDouble(DuckDBAppender a, ParsedBatch batch, int row, int column, double[] values) throws SQLException {
        if (batch.isNull(row, column)) {
            a.appendNull();
        } else {
            a.append(values[row]);
        }
    }

    private static void appendInt(DuckDBAppender a, ParsedBatch batch, int row, int column, int[] values) throws SQLException {
        if (batch.isNull(row, column)) {
            a.appendNull();
        } else {
            a.append(values[row]);
        }
    }

    /**
     * Runs {@code query} over the window's rows (window_start and window_end given as wall-clock
     * milliseconds) and drops its table. Returns the result rows, columns in the query's order.
     */
    List<ObjectNode> close(Table table, String query, long windowStartWall, long windowEndWall) {
        try {
            table.appender.close(); // flushes what it holds
        } catch (SQLException e) {
            throw new SqlException("could not finish appending to " + table.name + ": " + e.getMessage(), e);
        }
        try {
            pointView(engine, table.name, literal(windowStartWall), literal(windowEndWall));
            return engine.rows(query);
        } finally {
            drop(table);
        }
    }

    /** Drops an open window without running the query (shutting down: it is replayed from the stream next time). */
    void discard(Table table) {
        try {
            table.appender.close();
        } catch (SQLException ignored) {
            // dropped next anyway
        }
        drop(table);
    }

    private void drop(Table table) {
        pointView(engine, EMPTY, EPOCH, EPOCH);
        engine.execute("DROP TABLE " + table.name);
    }

    private static void pointView(SqlEngine engine, String table, String windowStart, String windowEnd) {
        engine.execute("CREATE OR REPLACE TEMP VIEW " + VIEW + " AS SELECT Name, StatusTime, Latitude, Longitude, Distance, "
                + "MagicPoints, HealthPoints, " + windowStart + " AS window_start, " + windowEnd + " AS window_end, arrival_time FROM "
                + table);
    }

    private static String literal(long wallMillis) {
        return "TIMESTAMP '" + LabTime.format(wallMillis) + "'";
    }
}
