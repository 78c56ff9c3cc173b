package wildrydes.lab.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.archive.ObjectNames;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.sql.SqlException;

/** The lake's tables as the query tool and the console see them: every object kind, the lab's types, pruning by hour. */
class LakeCatalogTest {
    @TempDir
    Path lake;

    private static String reading(String name, int second, int distance, int health, int magic) {
        return "{\"Name\":\"" + name + "\",\"StatusTime\":\"2026-12-03 10:15:" + String.format("%02d", second) + ".250\","
                + "\"Latitude\":40.7" + second + ",\"Longitude\":-73.98,\"Distance\":" + distance + ",\"MagicPoints\":" + magic
                + ",\"HealthPoints\":" + health + "}";
    }

    /** Writes an object as the archive names it, in the hour of {@code arrival}; returns its path. */
    private Path object(String name, String arrival, String extension, byte[] content) throws IOException {
        Path file = lake.resolve(ObjectNames.key(name, Instant.parse(arrival), UUID.randomUUID(), extension));
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private String query(LakeSession session, String sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        session.refresh();
        session.run(sql, OutputMode.JSON, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void theLabsTableReadsNewlineDelimitedConcatenatedGzipAndParquetObjectsWithTheLabsTypes() throws IOException {
        object("wildrydes", "2026-12-03T10:15:00Z", "", (reading("Shadowfax", 1, 100, 150, 150) + "\n"
                + reading("Shadowfax", 2, 110, 149, 150) + "\n").getBytes(StandardCharsets.UTF_8));
        object("wildrydes", "2026-12-03T10:16:00Z", "", (reading("Bucephalus", 1, 120, 99, 150)
                + reading("Bucephalus", 2, 130, 150, 98)).getBytes(StandardCharsets.UTF_8)); // records without the newline: }{
        object("wildrydes", "2026-12-03T11:00:00Z", ".gz", gzip(reading("Shadowfax", 3, 5, 150, 150) + "\n"));
        Path parquet = lake.resolve(ObjectNames.key("wildrydes", Instant.parse("2026-12-03T11:30:00Z"), UUID.randomUUID(), ".parquet"));
        Files.createDirectories(parquet.getParent());
        try (SqlEngine sql = SqlEngine.inMemory(1)) {
            sql.execute("COPY (SELECT 'Rocinante' AS Name, TIMESTAMP '2026-12-03 11:30:00.5' AS StatusTime, 40.1 AS Latitude, "
                    + "-73.9 AS Longitude, 7 AS Distance, 100 AS HealthPoints, 101 AS MagicPoints) TO '" + parquet + "' (FORMAT parquet)");
        }
        try (LakeSession session = LakeSession.open(lake, 1)) {
            assertThat(query(session, "SELECT column_name || ' ' || column_type AS c FROM (DESCRIBE wildrydes)").lines())
                    .containsExactly("{\"c\":\"Name VARCHAR\"}", "{\"c\":\"StatusTime TIMESTAMP\"}", "{\"c\":\"Latitude DOUBLE\"}",
                            "{\"c\":\"Longitude DOUBLE\"}", "{\"c\":\"Distance DOUBLE\"}", "{\"c\":\"HealthPoints INTEGER\"}",
                            "{\"c\":\"MagicPoints INTEGER\"}", "{\"c\":\"datehour VARCHAR\"}");
            assertThat(query(session, "SELECT Name, SUM(Distance) AS Distance, COUNT(*) AS n FROM wildrydes GROUP BY Name ORDER BY Name")
                    .lines()).containsExactly("{\"Name\":\"Bucephalus\",\"Distance\":250.0,\"n\":2}",
                    "{\"Name\":\"Rocinante\",\"Distance\":7.0,\"n\":1}", "{\"Name\":\"Shadowfax\",\"Distance\":215.0,\"n\":3}");
            assertThat(query(session, "SELECT Name, StatusTime, datehour FROM wildrydes WHERE HealthPoints < 100 OR MagicPoints < 100 "
                    + "ORDER BY StatusTime").lines()).containsExactly(
                    "{\"Name\":\"Bucephalus\",\"StatusTime\":\"2026-12-03 10:15:01.250\",\"datehour\":\"2026/12/03/10\"}",
                    "{\"Name\":\"Bucephalus\",\"StatusTime\":\"2026-12-03 10:15:02.250\",\"datehour\":\"2026/12/03/10\"}");
            assertThat(session.tables()).singleElement().satisfies(t -> {
                assertThat(t.objects()).isEqualTo(4);
                assertThat(t.plain() && t.gzip() && t.parquet()).isTrue();
                assertThat(t.firstHour()).isEqualTo("2026/12/03/10");
                assertThat(t.lastHour()).isEqualTo("2026/12/03/11");
            });
        }
    }

    @Test
    void aFilterOnDatehourOpensOnlyTheObjectsOfTheHoursItAllows() throws IOException {
        for (String hour : new String[] {"08", "09", "10", "11"}) {
            object("wildrydes", "2026-12-03T" + hour + ":10:00Z", "", (reading("Shadowfax", 1, 100, 150, 150) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        // Objects the filter must never open: reading them fails the query.
        Path broken = object("wildrydes", "2026-12-03T08:30:00Z", "", "{\"Name\": broken".getBytes(StandardCharsets.UTF_8));
        object("wildrydes", "2026-12-02T23:59:59Z", ".gz", "not gzip at all".getBytes(StandardCharsets.UTF_8));
        try (LakeSession session = LakeSession.open(lake, 1)) {
            assertThat(query(session, "SELECT COUNT(*) AS n FROM wildrydes WHERE datehour >= '2026/12/03/09'")).isEqualTo("{\"n\":3}");
            assertThat(query(session, "SELECT COUNT(*) AS n FROM wildrydes WHERE datehour = '2026/12/03/10'")).isEqualTo("{\"n\":1}");
            assertThat(query(session, "SELECT datehour, COUNT(*) AS n FROM wildrydes WHERE datehour BETWEEN '2026/12/03/09' AND "
                    + "'2026/12/03/10' GROUP BY ALL ORDER BY 1").lines()).containsExactly(
                    "{\"datehour\":\"2026/12/03/09\",\"n\":1}", "{\"datehour\":\"2026/12/03/10\",\"n\":1}");
            assertThatThrownBy(() -> query(session, "SELECT COUNT(*) FROM wildrydes")).as("without the filter every object is read")
                    .isInstanceOf(SqlException.class).hasMessageContaining(broken.getFileName().toString());
        }
    }

    @Test
    void everyOtherDeliveryStreamIsATableByItsNameAndAnUnderscoreAlias() throws IOException {
        object("wildrydes-summary", "2026-12-03T10:21:00Z", "", ("{\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-12-03 10:20:00.000\","
                + "\"Distance\":362,\"MinMagicPoints\":170,\"MaxMagicPoints\":172,\"MinHealthPoints\":146,\"MaxHealthPoints\":149}\n")
                .getBytes(StandardCharsets.UTF_8));
        object("wildrydes", "2026-12-03T10:21:00Z", "", (reading("Shadowfax", 1, 100, 150, 150) + "\n").getBytes(StandardCharsets.UTF_8));
        try (LakeSession session = LakeSession.open(lake, 1)) {
            assertThat(query(session, "SELECT Name, Distance, MaxHealthPoints, datehour FROM \"wildrydes-summary\""))
                    .isEqualTo("{\"Name\":\"Shadowfax\",\"Distance\":362,\"MaxHealthPoints\":149,\"datehour\":\"2026/12/03/10\"}");
            assertThat(query(session, "SELECT COUNT(*) AS n FROM wildrydes_summary")).isEqualTo("{\"n\":1}");
            assertThat(session.tables()).extracting(LakeTable::name).containsExactly("wildrydes", "wildrydes-summary");
        }
    }

    @Test
    void filesThatAreNotDeliveredObjectsAreNeverRead() throws IOException {
        Path hour = object("wildrydes", "2026-12-03T10:21:00Z", "", (reading("Shadowfax", 1, 100, 150, 150) + "\n")
                .getBytes(StandardCharsets.UTF_8)).getParent();
        Files.writeString(hour.resolve("notes.txt"), "not json");
        Files.writeString(hour.resolve(".wildrydes-1-2026-12-03-10-21-00-" + UUID.randomUUID()), "hidden");
        Files.createDirectories(lake.resolve(".archive/staging/wildrydes"));
        Files.writeString(lake.resolve(".archive/staging/wildrydes/" + UUID.randomUUID()), "{\"Name\":");
        Files.createDirectories(lake.resolve("wildrydes/format-conversion-failed/2026/12/03/10"));
        Files.writeString(lake.resolve("wildrydes/format-conversion-failed/2026/12/03/10/wildrydes-1-2026-12-03-10-21-00-"
                + UUID.randomUUID()), "{\"attemptsMade\":1}\n");
        try (LakeSession session = LakeSession.open(lake, 1)) {
            assertThat(query(session, "SELECT COUNT(*) AS n FROM wildrydes")).isEqualTo("{\"n\":1}");
            assertThat(session.tables()).extracting(LakeTable::name).containsExactly("wildrydes");
        }
    }

    @Test
    void aMissingTableSaysWhatTheLakeHoldsOnOneLine() {
        try (LakeSession session = LakeSession.open(lake, 1)) {
            assertThatThrownBy(() -> query(session, "SELECT * FROM wildrydes")).isInstanceOf(SqlException.class)
                    .hasMessageStartingWith("Catalog Error: Table with name wildrydes does not exist!")
                    .hasMessageContaining("has no delivered objects yet").hasMessageContaining("./wildrydes archive -stream wildrydes")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void theSandboxReadsTheLakeAndNothingElseAndTakesOneQueryOnly() throws IOException {
        object("wildrydes", "2026-12-03T10:21:00Z", "", (reading("Shadowfax", 1, 100, 150, 150) + "\n").getBytes(StandardCharsets.UTF_8));
        Path outside = Files.writeString(lake.getParent().resolve("outside-" + UUID.randomUUID() + ".json"), "{\"secret\":1}");
        try (LakeSession session = LakeSession.sandboxed(lake, 1, "256MB")) {
            assertThat(query(session, "SELECT COUNT(*) AS n FROM wildrydes")).isEqualTo("{\"n\":1}");
            assertThatThrownBy(() -> query(session, "SELECT * FROM read_json('" + outside + "')")).hasMessageContaining("Permission Error");
            assertThatThrownBy(() -> query(session, "SET enable_external_access = true")).hasMessageContaining("locked");
            assertThat(session.isSingleQuery("SELECT * FROM wildrydes WHERE Name = 'a;b'")).isTrue();
            assertThat(session.isSingleQuery("WITH t AS (SELECT 1) SELECT * FROM t")).isTrue();
            assertThat(session.isSingleQuery("DESCRIBE wildrydes")).isTrue();
            assertThat(session.isSingleQuery("COPY (SELECT 1) TO '" + lake.resolve("x.csv") + "'")).isFalse();
            assertThat(session.isSingleQuery("CREATE TABLE t AS SELECT 1")).isFalse();
            assertThat(session.isSingleQuery("SELECT 1; SELECT 2")).isFalse();
            assertThat(session.isSingleQuery("SELEC 1")).isFalse();
        } finally {
            Files.deleteIfExists(outside);
        }
    }
}
