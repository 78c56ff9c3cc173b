package wildrydes.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import wildrydes.lab.query.LakeSession;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.sql.SqlException;
import wildrydes.lab.sql.SqlThreads;

/**
 * The console's queries over the lake, run as jobs (as Athena runs them: start, then poll for
 * the state and page through the result) so that no HTTP event loop ever waits for the SQL
 * engine. Each query gets a fresh sandboxed session ({@link LakeSession#sandboxed}: it reads the
 * lake folder and nothing else), must be a single read-only query, runs at most
 * {@value #TIME_LIMIT_SECONDS} s and keeps at most {@value #ROW_LIMIT} rows. At most
 * {@value #RUNNING} run at once and {@value #QUEUED} wait; the last {@value #KEPT} results are kept.
 */
final class QueryJobs {
    static final int ROW_LIMIT = 10_000;
    static final int TIME_LIMIT_SECONDS = 30;
    static final int MAX_SQL_CHARS = 8_000;
    private static final int RUNNING = 2;
    private static final int QUEUED = 8;
    private static final int KEPT = 16;

    enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    /** One query; its fields are set by the worker and read by the HTTP threads. */
    static final class Job {
        final String id = UUID.randomUUID().toString();
        final String sql;
        final long submittedMillis = System.currentTimeMillis();
        volatile State state = State.QUEUED;
        volatile String error;
        volatile long elapsedMillis;
        volatile List<SqlEngine.Column> columns = List.of();
        volatile List<JsonNode[]> rows = List.of();
        volatile boolean truncated;

        Job(String sql) {
            this.sql = sql;
        }
    }

    private final Path lake;
    private final ThreadPoolExecutor workers;
    private final Map<String, Job> jobs = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > KEPT;
        }
    };

    QueryJobs(Path lake) {
        this.lake = lake;
        this.workers = new ThreadPoolExecutor(RUNNING, RUNNING, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                SqlThreads.factory("console-query")); // a large stack for the engine's recursion (see SqlThreads)
        workers.allowCoreThreadTimeOut(true);
    }

    /** Starts a query; the job fails at once (with a message saying why) when it is refused. */
    Job start(String sql) {
        Job job = new Job(sql);
        synchronized (jobs) {
            jobs.put(job.id, job);
        }
        if (sql.length() > MAX_SQL_CHARS) {
            fail(job, "The query is longer than " + MAX_SQL_CHARS + " characters; run it with ./wildrydes query -f FILE.");
        } else if (!Files.isDirectory(lake)) {
            fail(job, "The lake " + lake + " does not exist yet: deliver the stream with ./wildrydes archive (or ./archive).");
        } else {
            try {
                workers.execute(() -> run(job));
            } catch (RejectedExecutionException busy) {
                fail(job, "The console is already running " + (RUNNING + QUEUED) + " queries; try again when one has finished.");
            }
        }
        return job;
    }

    Job get(String id) {
        synchronized (jobs) {
            return jobs.get(id);
        }
    }

    private static void fail(Job job, String message) {
        job.error = message;
        job.elapsedMillis = System.currentTimeMillis() - job.submittedMillis;
        job.state = State.FAILED;
    }

    private void run(Job job) {
        job.state = State.RUNNING;
        long start = System.nanoTime();
        try (LakeSession session = LakeSession.sandboxed(lake, 2, "1GB")) {
            session.refresh();
            String problem = session.readOnlyProblem(job.sql);
            if (problem != null) {
                fail(job, problem);
                return;
            }
            try (Statement statement = session.engine().connection().createStatement()) {
                statement.setQueryTimeout(TIME_LIMIT_SECONDS);
                try (ResultSet result = statement.executeQuery(job.sql)) {
                    read(job, result);
                }
            } catch (SQLException e) {
                String message = SqlException.from(e).getMessage();
                fail(job, message.contains("INTERRUPT") ? "The query ran longer than " + TIME_LIMIT_SECONDS + " s and was stopped; "
                        + "narrow it (WHERE datehour >= '...') or run it with ./wildrydes query." : message);
                return;
            }
            job.elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            job.state = State.SUCCEEDED;
        } catch (SqlException | java.io.UncheckedIOException e) {
            fail(job, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            fail(job, "The query failed: " + e);
        }
    }

    private static void read(Job job, ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<SqlEngine.Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new SqlEngine.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        List<JsonNode[]> rows = new ArrayList<>();
        while (result.next()) {
            if (rows.size() == ROW_LIMIT) {
                job.truncated = true;
                break;
            }
            JsonNode[] row = new JsonNode[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = SqlEngine.valueAsJson(result.getObject(i + 1));
            }
            rows.add(row);
        }
        job.columns = columns;
        job.rows = rows;
    }
}
