package wildrydes.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import wildrydes.lab.archive.ArchiveStatus;
import wildrydes.lab.query.LakeCatalog;
import wildrydes.lab.query.LakeTable;
import wildrydes.lab.sql.SqlEngine;

/**
 * The console's view of the data lake beside the server's data directory: its tables, the
 * archives delivering to it (from their status files, as the archive is a separate process that
 * reaches the server only through the Kinesis API), and queries over it ({@link QueryJobs}).
 * Answers {@code GET /console/api/lake}, {@code GET /console/api/query?sql=...} (starts a query)
 * and {@code GET /console/api/query?id=...&offset=...&limit=...} (its state and a page of rows),
 * and adds the archives' figures to {@code /metrics}.
 */
final class LakeConsole {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_PAGE = 1000;

    private final Path lake;
    private final QueryJobs jobs;

    /** @param lake the lake folder; null when the server keeps its data in memory (no lake beside it) */
    LakeConsole(Path lake) {
        this.lake = lake == null ? null : lake.toAbsolutePath().normalize();
        this.jobs = lake == null ? null : new QueryJobs(this.lake);
    }

    byte[] lake(long nowMillis) {
        ObjectNode root = MAPPER.createObjectNode().put("serverTimeMillis", nowMillis);
        if (lake == null) {
            root.putNull("lake").put("message", "This server keeps its data in memory, so it has no lake beside a data directory: "
                    + "start it with a data directory (the default) and deliver with ./wildrydes archive.");
            root.putArray("tables");
            root.putArray("archives");
            return write(root);
        }
        root.put("lake", lake.toString());
        ArrayNode tables = root.putArray("tables");
        for (LakeTable table : LakeCatalog.tables(lake)) {
            tables.addObject().put("name", table.name()).put("objects", table.objects()).put("bytes", table.bytes())
                    .put("json", table.plain()).put("gzip", table.gzip()).put("parquet", table.parquet())
                    .put("firstHour", table.firstHour()).put("lastHour", table.lastHour());
        }
        ArrayNode archives = root.putArray("archives");
        for (ArchiveStatus status : ArchiveStatus.readAll(lake)) {
            archives.add(status.toJson().put("alive", status.alive(nowMillis))
                    .put("oldestUndeliveredAgeMillis", status.oldestUndeliveredAgeMillis(nowMillis)));
        }
        return write(root);
    }

    /** Starts a query ({@code sql}) or reports one ({@code id}); null status means 200. */
    ConsoleResponse query(Map<String, String> parameters) {
        if (jobs == null) {
            return error(400, "This server keeps its data in memory and has no lake to query.");
        }
        String sql = parameters.get("sql");
        if (sql != null) {
            if (sql.isBlank()) {
                return error(400, "Query parameter 'sql' is empty: write a query, e.g. SELECT * FROM wildrydes LIMIT 10.");
            }
            return json(200, state(jobs.start(sql), 0, 0));
        }
        String id = parameters.get("id");
        if (id == null) {
            return error(400, "Give 'sql' to start a query or 'id' to read one, e.g. /console/api/query?sql=SELECT%201.");
        }
        QueryJobs.Job job = jobs.get(id);
        if (job == null) {
            return error(404, "No query " + id + ": the console keeps the last few results only; run it again.");
        }
        int offset = number(parameters.get("offset"), 0);
        int limit = number(parameters.get("limit"), 100);
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            return error(400, "'offset' must be 0 or more and 'limit' 0 to " + MAX_PAGE + ".");
        }
        return json(200, state(job, offset, limit));
    }

    private static byte[] state(QueryJobs.Job job, int offset, int limit) {
        ObjectNode root = MAPPER.createObjectNode().put("id", job.id).put("state", job.state.name()).put("sql", job.sql);
        if (job.state == QueryJobs.State.FAILED) {
            root.put("error", job.error);
        }
        if (job.state == QueryJobs.State.SUCCEEDED || job.state == QueryJobs.State.FAILED) {
            root.put("elapsedMillis", job.elapsedMillis);
        }
        if (job.state == QueryJobs.State.SUCCEEDED) {
            List<JsonNode[]> rows = job.rows;
            ArrayNode columns = root.putArray("columns");
            for (SqlEngine.Column column : job.columns) {
                columns.addObject().put("name", column.name()).put("type", column.type());
            }
            root.put("totalRows", rows.size()).put("truncated", job.truncated).put("rowLimit", QueryJobs.ROW_LIMIT)
                    .put("offset", offset);
            ArrayNode page = root.putArray("rows");
            for (int i = offset; i < Math.min(rows.size(), (long) offset + limit); i++) {
                ArrayNode row = page.addArray();
                for (JsonNode value : rows.get(i)) {
                    row.add(value);
                }
            }
        }
        return write(root);
    }

    /** The archives' figures in the Prometheus text format, to follow the streams' families. */
    String prometheus(long nowMillis) {
        if (lake == null) {
            return "";
        }
        List<ArchiveStatus> archives = ArchiveStatus.readAll(lake);
        StringBuilder out = new StringBuilder();
        family(out, "wildrydes_archive_up", "1 while the archive process delivering to the lake runs, else 0.", "gauge",
                archives, s -> s.alive(nowMillis) ? 1 : 0);
        family(out, "wildrydes_archive_delivered_records_total", "Records delivered to the lake since the archive first ran.",
                "counter", archives, s -> s.delivered().records());
        family(out, "wildrydes_archive_delivered_bytes_total", "Data bytes of those records, as read from the stream.", "counter",
                archives, s -> s.delivered().bytes());
        family(out, "wildrydes_archive_delivered_objects_total", "Objects written to the lake.", "counter", archives,
                s -> s.delivered().objects());
        family(out, "wildrydes_archive_conversion_failures_total", "Records written under format-conversion-failed/.", "counter",
                archives, s -> s.delivered().conversionFailures());
        family(out, "wildrydes_archive_buffered_records", "Records read and waiting for the next delivery.", "gauge", archives,
                s -> s.alive(nowMillis) ? s.bufferedRecords() : 0);
        family(out, "wildrydes_archive_oldest_undelivered_age_milliseconds",
                "Age of the oldest record not yet in an object (as Firehose's DataFreshness).", "gauge", archives,
                s -> s.oldestUndeliveredAgeMillis(nowMillis));
        return out.toString();
    }

    private interface Value {
        long of(ArchiveStatus status);
    }

    private static void family(StringBuilder out, String name, String help, String type, List<ArchiveStatus> archives, Value value) {
        if (archives.isEmpty()) {
            return;
        }
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (ArchiveStatus status : archives) {
            out.append(name).append("{delivery_stream=\"").append(label(status.name())).append("\",stream=\"")
                    .append(label(status.stream())).append("\"} ").append(value.of(status)).append('\n');
        }
    }

    private static String label(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static int number(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ConsoleResponse error(int status, String message) {
        return json(status, ConsoleJson.error("InvalidArgumentException", message));
    }

    private static ConsoleResponse json(int status, byte[] body) {
        return new ConsoleResponse(status, ConsoleRouter.JSON, body, Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"));
    }

    private static byte[] write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write console JSON", e);
        }
    }
}
