package wildrydes.lab.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.sql.SqlException;
import wildrydes.lab.sql.SqlThreads;
import wildrydes.lab.tail.TailRecord;

/**
 * Converts a delivery's JSON records to one Parquet object ({@code .parquet}), as Firehose's
 * record format conversion does, with the lab's SQL engine (DuckDB's {@code COPY ... (FORMAT
 * parquet)}; no second Parquet library). The columns are the given schema's or, by default, those
 * of the delivery's records: their JSON structure, with text fields that all read as timestamps
 * (the lab's StatusTime) typed TIMESTAMP. A record that is not one JSON object, or whose fields do
 * not fit the schema, goes instead to an object under {@code format-conversion-failed/}: one JSON
 * document per record in Firehose's error shape (attemptsMade, arrivalTimestamp, ErrorCode,
 * ErrorMessage, attemptEndingTimestamp, rawData in base64, sequenceNumber, subSequenceNumber).
 */
final class ParquetStager implements ObjectStager {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGES = 100; // records whose own error message is looked up; the rest share one

    private final Path lake;
    private final String name;
    private final Compression compression;
    private final String givenStructure;
    private SqlEngine sql;
    private ExecutorService sqlThread;

    ParquetStager(Path lake, String name, Compression compression, String schema) {
        this.lake = lake;
        this.name = name;
        this.compression = compression;
        this.givenStructure = schema == null ? null : ParquetSchema.structure(schema);
    }

    /** Runs on the engine's own thread, whose stack is large enough for it (see SqlThreads); callers are virtual threads. */
    @Override
    public List<StagedObject> stage(List<TailRecord> records, Instant oldestArrival) throws IOException {
        if (sqlThread == null) {
            sqlThread = Executors.newSingleThreadExecutor(SqlThreads.factory("archive-parquet"));
        }
        try {
            return sqlThread.submit(() -> stageHere(records, oldestArrival)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while converting to Parquet", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("the Parquet conversion failed: " + e.getCause(), e.getCause());
        }
    }

    private List<StagedObject> stageHere(List<TailRecord> records, Instant oldestArrival) throws IOException {
        Path staging = LakeLayout.stagingDirectory(lake, name);
        DurableFiles.createDirectories(staging);
        Map<Integer, String> failures = new TreeMap<>();
        List<Integer> objects = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (isJsonObject(records.get(i).data())) {
                objects.add(i);
            } else {
                failures.put(i, "The record is not a JSON object.");
            }
        }
        List<StagedObject> staged = new ArrayList<>(2);
        if (!objects.isEmpty()) {
            StagedObject data = convert(records, objects, failures, staging, oldestArrival);
            if (data != null) {
                staged.add(data);
            }
        }
        if (!failures.isEmpty()) {
            staged.add(failedObject(records, failures, staging, oldestArrival));
        }
        return staged;
    }

    private StagedObject convert(List<TailRecord> records, List<Integer> objects, Map<Integer, String> failures, Path staging,
                                 Instant oldestArrival) throws IOException {
        SqlEngine engine = engine();
        engine.execute("CREATE OR REPLACE TABLE raw (i INTEGER, j VARCHAR)");
        try (DuckDBAppender appender = ((DuckDBConnection) engine.connection()).createAppender("main", "raw")) {
            for (int i : objects) {
                appender.beginRow().append(i).append(new String(records.get(i).data(), StandardCharsets.UTF_8)).endRow();
            }
        } catch (SQLException e) {
            throw new IOException("could not hand the records to the SQL engine: " + e.getMessage(), e);
        }
        String structure = givenStructure != null ? givenStructure : inferStructure(engine);
        String transform = "json_transform_strict(CAST(j AS JSON), " + literal(structure) + ")";
        // Each record converted once; a record that does not fit gets NULL (insertion order is kept without ORDER BY).
        engine.execute("CREATE OR REPLACE TABLE converted AS SELECT i, TRY(" + transform + ") AS r FROM raw");
        List<Integer> misfits = new ArrayList<>();
        for (var row : engine.rows("SELECT i FROM converted WHERE r IS NULL")) {
            misfits.add(row.get("i").asInt());
        }
        for (int i : misfits) {
            failures.put(i, misfits.size() <= MESSAGES ? whyNotConverted(engine, i, transform)
                    : "The record's fields do not fit the schema " + structure + ".");
        }
        if (misfits.size() == objects.size()) {
            return null;
        }
        UUID uuid = UUID.randomUUID();
        Path file = staging.resolve(uuid.toString());
        engine.execute("COPY (SELECT unnest(r) FROM converted WHERE r IS NOT NULL) TO "
                + literal(file.toString()) + " (FORMAT parquet, COMPRESSION " + compression.parquetCodec() + ")");
        DurableFiles.force(file);
        long bytes = 0;
        for (int i : objects) {
            if (!failures.containsKey(i)) {
                bytes += records.get(i).data().length;
            }
        }
        long size = java.nio.file.Files.size(file);
        return new StagedObject(file, ObjectNames.key(name, oldestArrival, uuid, ".parquet"), objects.size() - misfits.size(),
                bytes, size, false);
    }

    /** The records' structure, with text fields that all parse as timestamps typed TIMESTAMP and whole numbers as BIGINT. */
    private static String inferStructure(SqlEngine engine) throws IOException {
        String text = engine.rows("SELECT CAST(json_group_structure(CAST(j AS JSON)) AS VARCHAR) AS s FROM raw").getFirst().get("s").asText();
        ObjectNode structure = (ObjectNode) JSON.readTree(text);
        Iterator<Map.Entry<String, JsonNode>> fields = structure.fields();
        List<String> textFields = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String type = field.getValue().isTextual() ? field.getValue().asText() : null;
            if ("UBIGINT".equals(type)) {
                field.setValue(JSON.getNodeFactory().textNode("BIGINT"));
            } else if ("NULL".equals(type)) {
                field.setValue(JSON.getNodeFactory().textNode("VARCHAR"));
            } else if ("VARCHAR".equals(type)) {
                textFields.add(field.getKey());
            }
        }
        for (String field : textFields) {
            String value = "CAST(j AS JSON) ->> " + literal("$." + quoteJsonPathKey(field));
            boolean timestamps = engine.rows("SELECT bool_and(TRY_CAST(" + value + " AS TIMESTAMP) IS NOT NULL) AS t FROM raw WHERE "
                    + value + " IS NOT NULL").getFirst().get("t").asBoolean(false);
            if (timestamps) {
                structure.put(field, "TIMESTAMP");
            }
        }
        return structure.toString();
    }

    private static String quoteJsonPathKey(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String whyNotConverted(SqlEngine engine, int i, String transform) {
        try {
            engine.rows("SELECT " + transform + " AS r FROM raw WHERE i = " + i);
            return "The record's fields do not fit the schema.";
        } catch (SqlException e) {
            return e.getMessage();
        }
    }

    private StagedObject failedObject(List<TailRecord> records, Map<Integer, String> failures, Path staging, Instant oldestArrival)
            throws IOException {
        UUID uuid = UUID.randomUUID();
        Path file = staging.resolve(uuid.toString());
        long ending = System.currentTimeMillis();
        long[] bytes = {0};
        long size = DurableFiles.write(file, out -> {
            for (Map.Entry<Integer, String> failure : failures.entrySet()) {
                TailRecord record = records.get(failure.getKey());
                ObjectNode document = JSON.createObjectNode()
                        .put("attemptsMade", 1)
                        .put("arrivalTimestamp", record.arrival() == null ? ending : record.arrival().toEpochMilli())
                        .put("ErrorCode", "DataFormatConversion.MalformedData")
                        .put("ErrorMessage", failure.getValue())
                        .put("attemptEndingTimestamp", ending)
                        .put("rawData", Base64.getEncoder().encodeToString(record.data()))
                        .put("sequenceNumber", record.sequenceNumber())
                        .put("subSequenceNumber", record.subSequenceNumber());
                out.write(JSON.writeValueAsBytes(document));
                out.write('\n');
                bytes[0] += record.data().length;
            }
        });
        return new StagedObject(file, ObjectNames.conversionFailedKey(name, oldestArrival, uuid), failures.size(), bytes[0], size,
                true);
    }

    /** Whether the bytes are exactly one JSON object (surrounding whitespace allowed). */
    static boolean isJsonObject(byte[] data) {
        try (JsonParser parser = JSON.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }

    private SqlEngine engine() {
        if (sql == null) {
            sql = SqlEngine.inMemory(1);
        }
        return sql;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() {
        if (sqlThread == null) {
            return;
        }
        try {
            sqlThread.submit(() -> {
                if (sql != null) {
                    sql.close();
                    sql = null;
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // closing: nothing left to keep
        } finally {
            sqlThread.shutdown();
        }
    }
}
