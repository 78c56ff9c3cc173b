package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.archive.ArchiveStatus;
import wildrydes.lab.archive.Delivered;
import wildrydes.lab.archive.LakeLayout;
import wildrydes.lab.archive.ObjectNames;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/** The console's data lake side over HTTP: the lake beside the data directory, queries as jobs, the archives in /metrics. */
class ConsoleLakeRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    static Path lake;
    static KinesisServer server;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        lake = home.resolve("lake");
        for (int i = 0; i < 3; i++) {
            Path object = lake.resolve(ObjectNames.key("wildrydes", Instant.parse("2026-12-03T10:15:00Z").plusSeconds(i * 3600L),
                    UUID.randomUUID(), ""));
            Files.createDirectories(object.getParent());
            Files.writeString(object, "{\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-12-03 10:15:0" + i + ".000\",\"Latitude\":40.75,"
                    + "\"Longitude\":-73.98,\"Distance\":" + (100 + i) + ",\"MagicPoints\":150,\"HealthPoints\":" + (98 + i) + "}\n");
        }
        Files.createDirectories(LakeLayout.stateDirectory(lake));
        long now = System.currentTimeMillis();
        ArchiveStatus status = new ArchiveStatus("wildrydes", "wildrydes", ProcessHandle.current().pid(), true, now - 60_000, now,
                "json", "none", 60, 5 * 1024 * 1024, new Delivered(3, 450, 3, 450, 0), 2, 300, now - 4_000, 0,
                "wildrydes/2026/12/03/12/x");
        Files.write(LakeLayout.statusFile(lake, "wildrydes"), JSON.writeValueAsBytes(status.toJson()));
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(home.resolve("data")).withStateChangeMillis(0));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path).body());
    }

    /** Starts a query and polls it to its end. */
    static JsonNode query(String sql) throws Exception {
        JsonNode job = json("/console/api/query?sql=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (job.get("state").asText().equals("QUEUED") || job.get("state").asText().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("query finished").isLessThan(deadline);
            Thread.sleep(50);
            job = json("/console/api/query?id=" + job.get("id").asText() + "&limit=1000");
        }
        return job;
    }

    @Test
    void theLakeBesideTheDataDirectoryListsItsTablesAndArchives() throws Exception {
        JsonNode lakeJson = json("/console/api/lake");
        assertThat(lakeJson.get("lake").asText()).isEqualTo(lake.toAbsolutePath().normalize().toString());
        assertThat(lakeJson.get("tables")).singleElement().satisfies(table -> {
            assertThat(table.get("name").asText()).isEqualTo("wildrydes");
            assertThat(table.get("objects").asInt()).isEqualTo(3);
            assertThat(table.get("firstHour").asText()).isEqualTo("2026/12/03/10");
        });
        JsonNode archive = lakeJson.get("archives").get(0);
        assertThat(archive.get("alive").asBoolean()).isTrue();
        assertThat(archive.get("delivered").get("records").asLong()).isEqualTo(3);
        assertThat(archive.get("oldestUndeliveredAgeMillis").asLong()).isGreaterThanOrEqualTo(4_000);
    }

    @Test
    void metricsShowWhatTheArchiveDeliveredAndHowOldTheOldestUndeliveredRecordIs() throws Exception {
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("# TYPE wildrydes_archive_delivered_records_total counter\n"
                        + "wildrydes_archive_delivered_records_total{delivery_stream=\"wildrydes\",stream=\"wildrydes\"} 3\n")
                .contains("wildrydes_archive_delivered_bytes_total{delivery_stream=\"wildrydes\",stream=\"wildrydes\"} 450\n")
                .contains("wildrydes_archive_up{delivery_stream=\"wildrydes\",stream=\"wildrydes\"} 1\n")
                .containsPattern("wildrydes_archive_oldest_undelivered_age_milliseconds\\{delivery_stream=\"wildrydes\","
                        + "stream=\"wildrydes\"} [4-9]\\d{3}\n");
    }

    @Test
    void aQueryRunsAsAJobAndItsRowsComePageByPage() throws Exception {
        JsonNode done = query("SELECT Name, SUM(Distance) AS Distance, MIN(HealthPoints) AS Health FROM wildrydes GROUP BY Name");
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("columns").toString()).isEqualTo("[{\"name\":\"Name\",\"type\":\"VARCHAR\"},"
                + "{\"name\":\"Distance\",\"type\":\"DOUBLE\"},{\"name\":\"Health\",\"type\":\"INTEGER\"}]");
        assertThat(done.get("rows").toString()).isEqualTo("[[\"Shadowfax\",303.0,98]]");
        JsonNode all = query("SELECT StatusTime, datehour FROM wildrydes ORDER BY StatusTime");
        assertThat(all.get("totalRows").asInt()).isEqualTo(3);
        JsonNode page = json("/console/api/query?id=" + all.get("id").asText() + "&offset=1&limit=1");
        assertThat(page.get("rows").toString()).isEqualTo("[[\"2026-12-03 10:15:01.000\",\"2026/12/03/11\"]]");
    }

    @Test
    void aQueryThatFailsOrWouldWriteSaysWhyInOneLine() throws Exception {
        JsonNode typo = query("SELECT Name\nFRM wildrydes");
        assertThat(typo.get("state").asText()).isEqualTo("FAILED");
        assertThat(typo.get("error").asText()).isEqualTo("Parser Error: syntax error at or near \"wildrydes\" (line 2, column 5)");
        JsonNode copy = query("COPY (SELECT 1) TO '" + lake.resolve("x.csv") + "'");
        assertThat(copy.get("error").asText()).contains("only a query that reads");
        assertThat(lake.resolve("x.csv")).doesNotExist();
        JsonNode outside = query("SELECT * FROM read_text('/etc/hostname')");
        assertThat(outside.get("error").asText()).startsWith("Permission Error");
        JsonNode unknown = query("SELECT * FROM rides");
        assertThat(unknown.get("error").asText()).startsWith("Catalog Error: Table with name rides does not exist!");
        assertThat(get("/console/api/query?id=nope").statusCode()).isEqualTo(404);
        assertThat(get("/console/api/query").statusCode()).isEqualTo(400);
    }
}
