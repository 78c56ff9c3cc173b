package wildrydes.lab.query;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.sql.SqlException;

/**
 * SQL over a lake: an in-memory engine with a view per table of the lake ({@link LakeCatalog}),
 * refreshed before each statement so tables and objects delivered meanwhile are seen. A sandboxed
 * session (the console's) may read the lake's folder only, nothing else on the machine, and its
 * settings are locked.
 */
public final class LakeSession implements AutoCloseable {
    private static final Pattern MISSING_TABLE = Pattern.compile("^Catalog Error: Table with name (\\S+) does not exist!.*");

    /** What a statement did. */
    public record Outcome(long rows, boolean hasResult, long nanos) {
    }

    private final Path lake;
    private final SqlEngine engine;
    private final Set<String> views = new HashSet<>();
    private List<LakeTable> tables = List.of();

    private LakeSession(Path lake, SqlEngine engine) {
        this.lake = lake;
        this.engine = engine;
    }

    /** A session for the command line: the engine may read and write anywhere the user may. */
    public static LakeSession open(Path lake, int threads) {
        return new LakeSession(lake.toAbsolutePath().normalize(), SqlEngine.inMemory(threads));
    }

    /** A session that reads the lake only (no other file, no extension download), with locked settings and a memory cap. */
    public static LakeSession sandboxed(Path lake, int threads, String memoryLimit) {
        Path folder = lake.toAbsolutePath().normalize();
        SqlEngine engine = SqlEngine.inMemory(threads);
        try {
            engine.execute("SET memory_limit = " + literal(memoryLimit));
            engine.execute("SET allowed_directories = [" + literal(folder + "/") + "]");
            engine.execute("SET enable_external_access = false");
            engine.execute("SET autoinstall_known_extensions = false");
            engine.execute("SET lock_configuration = true");
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return new LakeSession(folder, engine);
    }

    public Path lake() {
        return lake;
    }

    public SqlEngine engine() {
        return engine;
    }

    /** Looks at the lake again and (re)creates the views; returns its tables. */
    public List<LakeTable> refresh() {
        tables = LakeCatalog.tables(lake);
        Set<String> current = new HashSet<>();
        for (String statement : LakeCatalog.views(tables)) {
            engine.execute(statement);
            current.add(statement.substring("CREATE OR REPLACE VIEW ".length(), statement.indexOf(" AS ")));
        }
        for (String gone : views) {
            if (!current.contains(gone)) {
                engine.execute("DROP VIEW IF EXISTS " + gone);
            }
        }
        views.clear();
        views.addAll(current);
        return tables;
    }

    public List<LakeTable> tables() {
        return tables;
    }

    /** Runs one statement, printing its rows (if any); errors are one-line {@link SqlException}s. */
    public Outcome run(String sql, OutputMode mode, PrintStream out) {
        long start = System.nanoTime();
        try (Statement statement = engine.connection().createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet result = statement.getResultSet()) {
                    long rows = ResultPrinter.print(result, mode, out);
                    return new Outcome(rows, true, System.nanoTime() - start);
                }
            }
            return new Outcome(Math.max(0, statement.getUpdateCount()), false, System.nanoTime() - start);
        } catch (SQLException e) {
            throw explain(SqlException.from(e));
        }
    }

    /** Whether {@code sql} is one query that only reads (SELECT, WITH, FROM ..., VALUES, DESCRIBE, SUMMARIZE, SHOW). */
    public boolean isSingleQuery(String sql) {
        return readOnlyProblem(sql) == null;
    }

    /**
     * Null when {@code sql} is a single query that only reads; otherwise why not, on one line (a
     * syntax error with its line and column). Decided by the engine's own parser, without running it.
     */
    public String readOnlyProblem(String sql) {
        try (PreparedStatement check = engine.connection().prepareStatement("SELECT CAST(json_serialize_sql(?) AS VARCHAR)")) {
            check.setString(1, sql);
            try (ResultSet result = check.executeQuery()) {
                result.next();
                var parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.getString(1));
                if (parsed.path("error").asBoolean(true)) {
                    if ("parser".equals(parsed.path("error_type").asText())) {
                        return "Parser Error: " + parsed.path("error_message").asText() + position(sql, parsed.path("position").asInt(-1));
                    }
                    return "only a query that reads (SELECT, WITH, DESCRIBE, SUMMARIZE, SHOW) runs here; use ./wildrydes query for "
                            + "other statements";
                }
                if (parsed.path("statements").size() != 1) {
                    return "one query at a time, please (this text holds " + parsed.path("statements").size() + ")";
                }
                return null;
            }
        } catch (SQLException e) {
            return SqlException.from(e).getMessage();
        } catch (java.io.IOException e) {
            return "the query could not be checked: " + e.getMessage();
        }
    }

    private static String position(String sql, int offset) {
        if (offset < 0 || offset > sql.length()) {
            return "";
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " (line " + line + ", column " + (offset - lineStart + 1) + ")";
    }

    /** Adds what the lake holds to a "table does not exist" message, still on one line. */
    SqlException explain(SqlException e) {
        Matcher missing = MISSING_TABLE.matcher(e.getMessage());
        if (!missing.matches()) {
            return e;
        }
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(t.name()));
        String held = names.isEmpty() ? "no delivered objects yet" : "the tables " + String.join(", ", names);
        return new SqlException(e.getMessage() + " (the lake " + lake + " has " + held + "; deliver a stream to it with "
                + "./wildrydes archive -stream " + missing.group(1) + ")", e);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() {
        engine.close();
    }
}
