package wildrydes.lab.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.tail.TailRecord;

/** Parquet objects written by the SQL engine, with inferred or given columns, and records that do not convert. */
class ParquetStagerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant ARRIVAL = Instant.parse("2026-12-03T10:15:00Z");

    @TempDir
    Path lake;

    private static List<TailRecord> records(String... data) {
        List<TailRecord> records = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            records.add(new TailRecord("shardId-000000000000", String.valueOf(49600000000000000L + i), 0, false, true, "Shadowfax",
                    null, ARRIVAL.plusSeconds(i), data[i].getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private static String reading(int i, String distance) {
        return "{\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-12-03 10:15:0" + i + ".123\",\"Latitude\":40.75,\"Longitude\":-73.98,"
                + "\"Distance\":" + distance + ",\"MagicPoints\":150,\"HealthPoints\":149}\n";
    }

    @Test
    void readingsBecomeAParquetObjectWithTheirTypesInferredTimestampsIncluded() throws Exception {
        List<StagedObject> staged;
        try (ParquetStager stager = new ParquetStager(lake, "wildrydes", Compression.SNAPPY, null)) {
            staged = stager.stage(records(reading(1, "175"), reading(2, "176.5"), reading(3, "177")), ARRIVAL);
        }
        assertThat(staged).hasSize(1);
        StagedObject object = staged.getFirst();
        assertThat(object.key()).startsWith("wildrydes/2026/12/03/10/wildrydes-1-2026-12-03-10-15-00-").endsWith(".parquet");
        assertThat(object.records()).isEqualTo(3);
        try (SqlEngine sql = SqlEngine.inMemory(1)) {
            String file = "'" + object.staged() + "'";
            assertThat(sql.describe("SELECT * FROM read_parquet(" + file + ")")).extracting(SqlEngine.Column::toString)
                    .containsExactly("Column[name=Name, type=VARCHAR]", "Column[name=StatusTime, type=TIMESTAMP]",
                            "Column[name=Latitude, type=DOUBLE]", "Column[name=Longitude, type=DOUBLE]",
                            "Column[name=Distance, type=DOUBLE]", "Column[name=MagicPoints, type=BIGINT]",
                            "Column[name=HealthPoints, type=BIGINT]");
            assertThat(sql.rows("SELECT StatusTime, Distance FROM read_parquet(" + file + ")").stream().map(Object::toString))
                    .containsExactly("{\"StatusTime\":\"2026-12-03 10:15:01.123\",\"Distance\":175.0}",
                            "{\"StatusTime\":\"2026-12-03 10:15:02.123\",\"Distance\":176.5}",
                            "{\"StatusTime\":\"2026-12-03 10:15:03.123\",\"Distance\":177.0}");
            assertThat(sql.rows("SELECT DISTINCT compression FROM parquet_metadata(" + file + ")").getFirst().get("compression").asText())
                    .isEqualTo("SNAPPY");
        }
    }

    @Test
    void recordsThatAreNotJsonObjectsOrDoNotFitTheSchemaGoToFormatConversionFailed() throws Exception {
        List<StagedObject> staged;
        try (ParquetStager stager = new ParquetStager(lake, "wildrydes", Compression.GZIP,
                "Name VARCHAR, StatusTime TIMESTAMP, Distance DOUBLE")) {
            staged = stager.stage(records(reading(1, "175"), "not json\n", reading(2, "\"far\""), "[1,2]"), ARRIVAL);
        }
        assertThat(staged).extracting(StagedObject::conversionFailures).containsExactly(false, true);
        StagedObject failed = staged.get(1);
        assertThat(failed.key()).startsWith("wildrydes/format-conversion-failed/2026/12/03/10/wildrydes-1-2026-12-03-10-15-00-");
        assertThat(failed.records()).isEqualTo(3);
        List<String> lines = Files.readAllLines(failed.staged());
        assertThat(lines).hasSize(3);
        JsonNode first = JSON.readTree(lines.getFirst());
        assertThat(first.fieldNames()).toIterable().containsExactly("attemptsMade", "arrivalTimestamp", "ErrorCode", "ErrorMessage",
                "attemptEndingTimestamp", "rawData", "sequenceNumber", "subSequenceNumber");
        assertThat(new String(Base64.getDecoder().decode(first.get("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo("not json\n");
        assertThat(first.get("arrivalTimestamp").asLong()).isEqualTo(ARRIVAL.plusSeconds(1).toEpochMilli());
        assertThat(JSON.readTree(lines.get(1)).get("ErrorMessage").asText()).as("the engine says why the Distance does not fit")
                .containsIgnoringCase("far");
        try (SqlEngine sql = SqlEngine.inMemory(1)) {
            assertThat(sql.rows("SELECT Name, Distance FROM read_parquet('" + staged.getFirst().staged() + "')").stream()
                    .map(Object::toString)).containsExactly("{\"Name\":\"Shadowfax\",\"Distance\":175.0}");
        }
    }

    @Test
    void aSchemaIsAColumnListAndSaysWhatIsWrong() {
        assertThat(ParquetSchema.structure("Name VARCHAR, Price DECIMAL(10,2), Tags VARCHAR[], \"Odd name\" INTEGER"))
                .isEqualTo("{\"Name\":\"VARCHAR\",\"Price\":\"DECIMAL(10,2)\",\"Tags\":\"VARCHAR[]\",\"Odd name\":\"INTEGER\"}");
        assertThatThrownBy(() -> ParquetSchema.structure("Name")).hasMessageContaining("'Name' is not a column");
        assertThatThrownBy(() -> ParquetSchema.structure("A INT, A INT")).hasMessageContaining("named twice");
        assertThatThrownBy(() -> ParquetSchema.structure("A DECIMAL(10,2")).hasMessageContaining("unbalanced");
    }
}
