package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Shard;
import wildrydes.lab.archive.ObjectNames;

/**
 * Module 5 of the lab as a user runs it, every piece a real process: the server, producers,
 * {@code ./archive} delivering while they write (and while the stream is split), then
 * {@code ./wildrydes query} answering the lab's queries as written, each answer equal to the same
 * question recomputed from the raw stream; the same stream delivered gzip-compressed and as
 * Parquet answers alike.
 */
class ArchiveAndQueryIT {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    @TempDir
    Path home;

    private static String describe(ScriptRun run) {
        return "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();
    }

    /** Runs ./wildrydes query with JSON lines output and returns the rows. */
    private List<JsonNode> query(Path lake, String sql) throws Exception {
        try (ScriptRun query = ScriptRun.run(Map.of(), 90, "wildrydes", "query", "-lake", lake.toString(), "-output", "json", sql)) {
            assertThat(query.exitCode()).as(describe(query)).isZero();
            assertThat(query.stderr()).as("rows and time on stderr").containsPattern("\\(\\d+ rows? in \\d+\\.\\d{3} s\\)");
            List<JsonNode> rows = new ArrayList<>();
            for (String line : query.stdout().lines().toList()) {
                rows.add(LakeRecords.JSON.readTree(line));
            }
            return rows;
        }
    }

    private static String key(JsonNode r) {
        return r.get("Name").asText() + "|" + r.get("StatusTime").asText() + "|" + r.get("Latitude").asDouble() + "|"
                + r.get("Longitude").asDouble() + "|" + r.get("Distance").asDouble() + "|" + r.get("HealthPoints").asInt() + "|"
                + r.get("MagicPoints").asInt();
    }

    @Test
    void theLabsQueriesOverTheArchivedStreamEqualTheSameQuestionsAskedOfTheRawStream() throws Exception {
        Path lake = home.resolve("lake");
        Instant began = Instant.now();
        try (ServerScript server = ServerScript.start(home.resolve("data"))) {
            server.createStream("wildrydes", 2);
            List<String> raw;
            try (ScriptRun archive = ScriptRun.start(server.env(), "archive", "-to", lake.toString(), "-buffer-interval", "1",
                    "-timeout", "5s");
                 ScriptRun producer = ScriptRun.start(server.env(), "producer", "-fleet", "4", "-rate", "10", "-duration", "6s")) {
                Thread.sleep(2500);
                Shard first = server.kinesis.listShards(r -> r.streamName("wildrydes")).shards().getFirst();
                BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
                BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
                server.kinesis.splitShard(r -> r.streamName("wildrydes").shardToSplit(first.shardId())
                        .newStartingHashKey(start.add(end).shiftRight(1).toString()));
                for (int i = 0; i < 3; i++) { // readings whose vitals fell below 100, for the lab's last question
                    String reading = "{\"Name\":\"Rocinante\",\"StatusTime\":\"2026-12-03 10:15:0" + i + ".000\",\"Latitude\":40.7,"
                            + "\"Longitude\":-73.9,\"Distance\":150,\"MagicPoints\":" + (97 + i) + ",\"HealthPoints\":150}\n";
                    server.kinesis.putRecord(r -> r.streamName("wildrydes").partitionKey("Rocinante").data(SdkBytes.fromUtf8String(reading)));
                }
                assertThat(producer.awaitExit(60)).as(describe(producer)).isZero();
                assertThat(archive.awaitExit(90)).as(describe(archive)).isZero();
                raw = LakeRecords.stream(server.kinesis, "wildrydes");
                assertThat(raw).hasSizeGreaterThan(200);
                assertThat(archive.stderr()).as(describe(archive)).contains("archive: wrote wildrydes/")
                        .contains("shardId-000000000000 was read to its end (resharded)").contains("reading shardId-000000000002");
            }
            List<String> delivered = new ArrayList<>();
            for (Path object : LakeRecords.objects(lake, "wildrydes")) {
                String hours = lake.resolve("wildrydes").relativize(object.getParent()).toString();
                assertThat(hours).isBetween(HOUR.format(began), HOUR.format(Instant.now()));
                assertThat(object.getFileName().toString()).startsWith("wildrydes-1-" + hours.replace('/', '-') + "-");
                delivered.addAll(LakeRecords.records(object));
            }
            assertThat(LakeRecords.objects(lake, "wildrydes")).as("several deliveries").hasSizeGreaterThan(1);
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.endpoint + "/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).as("the server reads the archive's status from the lake beside its data directory")
                        .contains("wildrydes_archive_delivered_records_total{delivery_stream=\"wildrydes\",stream=\"wildrydes\"} "
                                + raw.size() + "\n")
                        .contains("wildrydes_archive_up{delivery_stream=\"wildrydes\",stream=\"wildrydes\"} 0\n");
            }
            assertThat(delivered).as("every record exactly once, bytes unchanged").containsExactlyInAnyOrderElementsOf(raw);

            // The same stream delivered again, gzip-compressed and as Parquet.
            try (ScriptRun gzip = ScriptRun.start(server.env(), "archive", "-to", lake.toString(), "-name", "wildrydes-gzip",
                    "-compression", "gzip", "-timeout", "2s");
                 ScriptRun parquet = ScriptRun.start(server.env(), "wildrydes", "archive", "-to", lake.toString(), "-name",
                         "wildrydes-parquet", "-format", "parquet", "-timeout", "2s")) {
                assertThat(gzip.awaitExit(90)).as(describe(gzip)).isZero();
                assertThat(parquet.awaitExit(90)).as(describe(parquet)).isZero();
            }
            assertThat(LakeRecords.objects(lake, "wildrydes-gzip")).allMatch(p -> p.toString().endsWith(".gz"));
            assertThat(LakeRecords.objects(lake, "wildrydes-parquet")).allMatch(p -> p.toString().endsWith(".parquet"));

            List<JsonNode> readings = new ArrayList<>();
            for (String record : raw) {
                readings.add(LakeRecords.JSON.readTree(record));
            }
            checkTheLabsQueries(lake, readings);
        }
    }

    private void checkTheLabsQueries(Path lake, List<JsonNode> readings) throws Exception {
        // SELECT * FROM wildrydes: every reading, with the lab's columns.
        List<JsonNode> all = query(lake, "SELECT * FROM wildrydes");
        assertThat(all.getFirst().fieldNames()).toIterable().containsExactly("Name", "StatusTime", "Latitude", "Longitude", "Distance",
                "HealthPoints", "MagicPoints", "datehour");
        assertThat(all.stream().map(ArchiveAndQueryIT::key).sorted().toList())
                .isEqualTo(readings.stream().map(ArchiveAndQueryIT::key).sorted().toList());

        // A unicorn's trip: its positions in time order.
        List<JsonNode> trip = query(lake, "SELECT StatusTime, Latitude, Longitude FROM wildrydes WHERE Name = 'Shadowfax' ORDER BY StatusTime");
        List<String> expectedTrip = readings.stream().filter(r -> r.get("Name").asText().equals("Shadowfax"))
                .sorted(Comparator.comparing(r -> r.get("StatusTime").asText()))
                .map(r -> r.get("StatusTime").asText() + " " + r.get("Latitude").asDouble() + " " + r.get("Longitude").asDouble()).toList();
        assertThat(trip.stream().map(r -> r.get("StatusTime").asText() + " " + r.get("Latitude").asDouble() + " "
                + r.get("Longitude").asDouble()).toList()).isEqualTo(expectedTrip).hasSizeGreaterThan(20);

        // The readings after a given time.
        List<String> times = readings.stream().map(r -> r.get("StatusTime").asText()).sorted().toList();
        String middle = times.get(times.size() / 2);
        List<JsonNode> after = query(lake, "SELECT * FROM wildrydes WHERE StatusTime > TIMESTAMP '" + middle + "'");
        assertThat(after).hasSize((int) times.stream().filter(t -> t.compareTo(middle) > 0).count());

        // The total distance per unicorn, over all time.
        Map<String, Double> distance = new TreeMap<>();
        readings.forEach(r -> distance.merge(r.get("Name").asText(), r.get("Distance").asDouble(), Double::sum));
        for (String table : List.of("wildrydes", "\"wildrydes-gzip\"", "wildrydes_parquet")) {
            Map<String, Double> answered = new TreeMap<>();
            for (JsonNode row : query(lake, "SELECT Name, SUM(Distance) AS TotalDistance FROM " + table + " GROUP BY Name")) {
                answered.put(row.get("Name").asText(), row.get("TotalDistance").asDouble());
            }
            assertThat(answered).as(table).isEqualTo(distance);
        }

        // The readings where health or magic fell below 100.
        List<JsonNode> low = query(lake, "SELECT * FROM wildrydes WHERE HealthPoints < 100 OR MagicPoints < 100");
        assertThat(low.stream().map(ArchiveAndQueryIT::key).sorted().toList()).isEqualTo(readings.stream()
                .filter(r -> r.get("HealthPoints").asInt() < 100 || r.get("MagicPoints").asInt() < 100)
                .map(ArchiveAndQueryIT::key).sorted().toList()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(Files.exists(lake.resolve(".archive/wildrydes.state"))).isTrue();
        assertThat(ObjectNames.isObject(LakeRecords.objects(lake, "wildrydes").getFirst().getFileName().toString())).isTrue();
    }

    @Test
    void archiveAndQueryHaveHelpAndSayWhatIsWrongInOneLine() throws Exception {
        for (String[] help : List.of(new String[] {"archive", "--help"}, new String[] {"wildrydes", "query", "--help"})) {
            try (ScriptRun run = ScriptRun.run(Map.of(), 60, help[0], java.util.Arrays.copyOfRange(help, 1, help.length))) {
                assertThat(run.exitCode()).as(describe(run)).isZero();
                assertThat(run.stdout()).contains("Usage:");
            }
        }
        Map<List<String>, String> refused = Map.of(
                List.of("-buffer-interval", "901"), "-buffer-interval must be 0 to 900 seconds",
                List.of("-buffer-size", "129"), "-buffer-size must be 1 to 128 MiB",
                List.of("-compression", "snappy"), "-compression snappy is for -format parquet",
                List.of("-format", "parquet", "-schema", "Name"), "'Name' is not a column",
                List.of("-from", "49590338271490256608559692538361571095921575989136588898"), "-from takes trim-horizon, latest or a time");
        for (Map.Entry<List<String>, String> bad : refused.entrySet()) {
            try (ScriptRun run = ScriptRun.run(Map.of(), 60, "archive", bad.getKey().toArray(String[]::new))) {
                assertThat(run.exitCode()).as(describe(run)).isEqualTo(2);
                assertThat(run.stderr().strip().lines().toList()).as(describe(run)).singleElement().asString().contains(bad.getValue());
            }
        }
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ScriptRun run = ScriptRun.run(Map.of(), 60, "archive", "-endpoint", "http://127.0.0.1:" + closedPort, "-to",
                home.resolve("lake").toString())) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr().strip().lines().toList()).as(describe(run)).singleElement().asString()
                    .contains("Nothing answers at http://127.0.0.1:" + closedPort);
        }
        // A deep but valid query: the engine recurses on the caller's native stack, which the launcher's -Xss512k cannot hold.
        String deep = "SELECT x FROM " + "(SELECT x FROM ".repeat(400) + "(SELECT 1 AS x) t" + ") t".repeat(400);
        try (ScriptRun run = ScriptRun.run(Map.of(), 60, "wildrydes", "query", "-lake", home.toString(), "-output", "csv", deep)) {
            assertThat(run.exitCode()).as(describe(run)).isZero();
            assertThat(run.stdout()).isEqualTo("x\r\n1\r\n");
        }
        try (ScriptRun run = ScriptRun.run(Map.of(), 60, "wildrydes", "query", "-lake", home.toString(), "SELECT 1 AS one; SELEC 2")) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stdout()).contains(" one").contains("1");
            assertThat(run.stderr().lines().toList()).as(describe(run)).last().asString()
                    .isEqualTo("query: Parser Error: syntax error at or near \"SELEC\" (line 1, column 1)");
        }
    }
}
