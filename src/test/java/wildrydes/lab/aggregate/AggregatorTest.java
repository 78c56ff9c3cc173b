package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.lab.aggregate.LocalStreams.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** The aggregation against the server in process: event time, custom SQL, and a resharded source across a restart. */
class AggregatorTest {
    static LocalStreams streams;

    @TempDir
    Path state;

    @BeforeAll
    static void start() {
        streams = new LocalStreams();
    }

    @AfterAll
    static void stop() {
        streams.close();
    }

    /** Readings with out-of-order event times; see the comments for the watermark (window 10 s, lateness 5 s). */
    static String eventTimeSource() throws InterruptedException {
        String source = "events-" + System.nanoTime();
        streams.createStream(source, 1);
        String t = "2026-01-01 10:00:";
        streams.put(source, "Shadowfax", reading("Shadowfax", t + "01.000", 100, 150, 150));
        streams.put(source, "Shadowfax", reading("Shadowfax", t + "08.000", 100, 151, 149));
        streams.put(source, "Bucephalus", reading("Bucephalus", t + "03.000", 50, 140, 160));
        streams.put(source, "x", "not a reading");
        streams.put(source, "Shadowfax", reading("Shadowfax", t + "12.000", 100, 152, 148)); // watermark 10:00:07
        streams.put(source, "Shadowfax", reading("Shadowfax", t + "06.000", 10, 149, 151)); // out of order, its window still open
        streams.put(source, "Bucephalus", reading("Bucephalus", t + "16.000", 60, 141, 161)); // watermark 10:00:11: 10:00:00 ends
        streams.put(source, "Shadowfax", reading("Shadowfax", t + "09.000", 999, 1, 1)); // late: its window has ended
        streams.put(source, "Shadowfax", reading("Shadowfax", t + "19.500", 100, 153, 147));
        streams.put(source, "Bucephalus", reading("Bucephalus", t + "35.000", 70, 142, 162)); // watermark 10:00:30: 10:00:10 ends
        return source;
    }

    static AggregateSettings eventTime(String source, String destination, Path state) {
        return LocalStreams.settings(source, destination, state).withWindow(Duration.ofSeconds(10))
                .withTime(TimeMode.parse("field:StatusTime"), Duration.ofSeconds(5));
    }

    @Test
    void eventTimeWindowsTakeOutOfOrderReadingsAndLeaveLateOnesOut() throws Exception {
        String source = eventTimeSource();
        String destination = source + "-summary";
        LocalStreams.Running run = streams.start(eventTime(source, destination, state));
        LocalStreams.await(() -> streams.count(destination) >= 4, 30, "4 summaries");
        Aggregator.Summary summary = run.stop();
        assertThat(streams.readAll(destination)).extracting(r -> r.partitionKey() + " " + r.data().asUtf8String()).containsExactly(
                "Bucephalus {\"Name\":\"Bucephalus\",\"StatusTime\":\"2026-01-01 10:00:00.000\",\"Distance\":50,\"MinMagicPoints\":140,"
                        + "\"MaxMagicPoints\":140,\"MinHealthPoints\":160,\"MaxHealthPoints\":160}",
                "Shadowfax {\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-01-01 10:00:00.000\",\"Distance\":210,\"MinMagicPoints\":149,"
                        + "\"MaxMagicPoints\":151,\"MinHealthPoints\":149,\"MaxHealthPoints\":151}",
                "Bucephalus {\"Name\":\"Bucephalus\",\"StatusTime\":\"2026-01-01 10:00:10.000\",\"Distance\":60,\"MinMagicPoints\":141,"
                        + "\"MaxMagicPoints\":141,\"MinHealthPoints\":161,\"MaxHealthPoints\":161}",
                "Shadowfax {\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-01-01 10:00:10.000\",\"Distance\":200,\"MinMagicPoints\":152,"
                        + "\"MaxMagicPoints\":153,\"MinHealthPoints\":147,\"MaxHealthPoints\":148}");
        assertThat(summary.late()).as(run.stderr()).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.openWindows()).as("10:00:30 has not ended").isEqualTo(1);
        assertThat(summary.windowsOut()).isEqualTo(2);
        assertThat(run.stderr()).contains("creating it with 1 shard").contains("1 records skipped so far; latest: record ")
                .contains("is not a JSON object");

        // A restart reads the open window's records again and emits nothing twice.
        LocalStreams.Running again = streams.start(eventTime(source, destination, state));
        streams.put(source, "Bucephalus", reading("Bucephalus", "2026-01-01 10:00:55.000", 1, 1, 1));
        LocalStreams.await(() -> streams.count(destination) >= 5, 30, "the 10:00:30 summary");
        Aggregator.Summary second = again.stop();
        List<Record> all = streams.readAll(destination);
        assertThat(all).hasSize(5);
        assertThat(all.get(4).data().asUtf8String()).contains("\"StatusTime\":\"2026-01-01 10:00:30.000\",\"Distance\":70,");
        assertThat(second.replayed()).as("Bucephalus 10:00:35 read again").isEqualTo(1);
        assertThat(again.stderr()).contains("resuming the aggregation in").contains("2 windows (4 rows) emitted so far");
    }

    @Test
    void customQueriesAlertsAndAveragesWithTheirOwnPartitionKey() throws Exception {
        String source = eventTimeSource();
        String alerts = source + "-alerts";
        String averages = source + "-averages";
        LocalStreams.Running alerting = streams.start(eventTime(source, alerts, state.resolve("alerts")).withQuery(
                "SELECT Name, StatusTime, HealthPoints FROM readings WHERE HealthPoints < 150 ORDER BY StatusTime", null));
        LocalStreams.Running averaging = streams.start(eventTime(source, averages, state.resolve("averages")).withQuery(
                "SELECT window_start AS WindowStart, COUNT(*) AS Readings, AVG(HealthPoints) AS AvgHealth, "
                        + "round(AVG(Distance), 2) AS AvgDistance FROM readings GROUP BY window_start", "WindowStart"));
        LocalStreams.await(() -> streams.count(alerts) >= 3 && streams.count(averages) >= 2, 30, "alerts and averages");
        alerting.stop();
        averaging.stop();
        assertThat(streams.readAll(alerts)).extracting(r -> r.partitionKey() + " " + r.data().asUtf8String()).containsExactly(
                "Shadowfax {\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-01-01 10:00:08.000\",\"HealthPoints\":149}",
                "Shadowfax {\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-01-01 10:00:12.000\",\"HealthPoints\":148}",
                "Shadowfax {\"Name\":\"Shadowfax\",\"StatusTime\":\"2026-01-01 10:00:19.500\",\"HealthPoints\":147}");
        assertThat(streams.readAll(averages)).extracting(r -> r.partitionKey() + " " + r.data().asUtf8String()).containsExactly(
                "2026-01-01 10:00:00.000 {\"WindowStart\":\"2026-01-01 10:00:00.000\",\"Readings\":4,\"AvgHealth\":152.5,\"AvgDistance\":65}",
                "2026-01-01 10:00:10.000 {\"WindowStart\":\"2026-01-01 10:00:10.000\",\"Readings\":3,\"AvgHealth\":152,\"AvgDistance\":86.67}");
    }

    @Test
    void windowsCombineParentAndChildShardsAcrossASplitAMergeAndARestart() throws Exception {
        String source = "reshard-" + System.nanoTime();
        String destination = source + "-summary";
        streams.createStream(source, 1);
        AggregateSettings settings = LocalStreams.settings(source, destination, state).withWindow(Duration.ofSeconds(2))
                .withGrace(Duration.ofMillis(500));
        LocalStreams.Running first = streams.start(settings);
        Random random = new Random(11);
        long end = System.nanoTime() + Duration.ofSeconds(7).toNanos();
        boolean split = false;
        boolean restarted = false;
        boolean merged = false;
        long started = System.nanoTime();
        LocalStreams.Running current = first;
        List<Aggregator.Summary> summaries = new ArrayList<>();
        while (System.nanoTime() < end) {
            String name = "Unicorn-" + random.nextInt(8);
            streams.put(source, name, reading(name, "2026-01-01 10:00:00.000", 100 + random.nextInt(100), 140 + random.nextInt(20),
                    140 + random.nextInt(20)));
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!split && seconds > 1.5) {
                streams.split(source, streams.openShards(source).get(0));
                split = true;
            } else if (!restarted && seconds > 3) {
                summaries.add(current.stop());
                current = streams.start(settings);
                restarted = true;
            } else if (!merged && seconds > 4.5) {
                List<Shard> open = streams.openShards(source);
                streams.merge(source, open.get(0), open.get(1));
                merged = true;
            }
            Thread.sleep(10);
        }
        List<Record> raw = streams.readAll(source);
        Map<String, ObjectNode> expected = recompute(raw, 2_000);
        assertThat(windowsOverShards(source, 2_000).values()).as("some window holds records of a parent and of a child")
                .anyMatch(shards -> shards.size() > 1);
        LocalStreams.await(() -> streams.count(destination) >= expected.size(), 30, expected.size() + " summaries");
        summaries.add(current.stop());
        List<JsonNode> emitted = streams.readJson(destination);
        Map<String, String> byKey = new TreeMap<>();
        for (JsonNode row : emitted) {
            assertThat(byKey.put(row.get("Name").asText() + "@" + row.get("StatusTime").asText(), row.toString()))
                    .as("emitted once: " + row).isNull();
        }
        Map<String, String> wanted = new TreeMap<>();
        expected.forEach((key, row) -> wanted.put(key, row.toString()));
        assertThat(byKey).as(current.stderr()).isEqualTo(wanted);
        assertThat(summaries).extracting(Aggregator.Summary::late).containsOnly(0L);
        assertThat(summaries.get(1).replayed()).as("the open window's records were read again after the restart").isPositive();
    }

    @Test
    void aBacklogReadLongAfterASplitKeepsTheChildrensRecordsInTheParentsWindow() throws Exception {
        String source = "backlog-split-" + System.nanoTime();
        String destination = source + "-summary";
        streams.createStream(source, 1);
        Thread.sleep(2_000 - System.currentTimeMillis() % 2_000 + 50); // the start of a 2 s window: parent and children share it
        Random random = new Random(5);
        for (int i = 0; i < 30; i++) {
            if (i == 12) {
                streams.split(source, streams.openShards(source).get(0));
            }
            String name = "Unicorn-" + random.nextInt(4);
            streams.put(source, name, reading(name, "2026-01-01 10:00:00.000", 100 + random.nextInt(100), 150, 150));
        }
        assertThat(windowsOverShards(source, 2_000).values()).as("a window holds records of the parent and of a child")
                .anyMatch(shards -> shards.size() > 1);
        Thread.sleep(3_000); // every window has ended by the clock before the aggregation starts reading the backlog
        // Reading the parent to its end finds it "caught up"; that must not close the window before the children are read.
        LocalStreams.Running run = streams.start(LocalStreams.settings(source, destination, state).withWindow(Duration.ofSeconds(2))
                .withGrace(Duration.ofMillis(500)));
        Map<String, ObjectNode> expected = recompute(streams.readAll(source), 2_000);
        LocalStreams.await(() -> streams.count(destination) >= expected.size(), 30, expected.size() + " summaries");
        Aggregator.Summary summary = run.stop();
        Map<String, String> emitted = new TreeMap<>();
        for (JsonNode row : streams.readJson(destination)) {
            assertThat(emitted.put(row.get("Name").asText() + "@" + row.get("StatusTime").asText(), row.toString())).isNull();
        }
        Map<String, String> wanted = new TreeMap<>();
        expected.forEach((key, row) -> wanted.put(key, row.toString()));
        assertThat(emitted).as(run.stderr()).isEqualTo(wanted);
        assertThat(summary.late()).isZero();
        assertThat(summary.recordsIn()).isEqualTo(30);
    }

    /** For each window of arrival time, the shards its records are in. */
    static Map<Long, Set<String>> windowsOverShards(String stream, long windowMillis) {
        Map<Long, Set<String>> shards = new TreeMap<>();
        for (Shard shard : streams.kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String it = streams.kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(software.amazon.awssdk.services.kinesis.model.ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> page = streams.kinesis.getRecords(r -> r.shardIterator(it).limit(10_000)).records();
            for (Record record : page) {
                long window = Math.floorDiv(record.approximateArrivalTimestamp().toEpochMilli(), windowMillis);
                shards.computeIfAbsent(window, w -> new HashSet<>()).add(shard.shardId());
            }
        }
        return shards;
    }

    /** The workshop's summaries computed from the raw records: per window of arrival time (UTC) and Name. */
    static Map<String, ObjectNode> recompute(List<Record> records, long windowMillis) throws Exception {
        Map<String, List<JsonNode>> groups = new HashMap<>();
        for (Record record : records) {
            JsonNode reading = LocalStreams.JSON.readTree(record.data().asUtf8String());
            long arrival = record.approximateArrivalTimestamp().toEpochMilli();
            String start = LabTime.format(Math.floorDiv(arrival, windowMillis) * windowMillis);
            groups.computeIfAbsent(reading.get("Name").asText() + "@" + start, k -> new ArrayList<>()).add(reading);
        }
        Map<String, ObjectNode> expected = new TreeMap<>();
        groups.forEach((key, readings) -> {
            ObjectNode row = LocalStreams.JSON.createObjectNode();
            row.put("Name", key.substring(0, key.indexOf('@')));
            row.put("StatusTime", key.substring(key.indexOf('@') + 1));
            row.put("Distance", readings.stream().mapToLong(r -> r.get("Distance").asLong()).sum());
            row.put("MinMagicPoints", readings.stream().mapToInt(r -> r.get("MagicPoints").asInt()).min().orElseThrow());
            row.put("MaxMagicPoints", readings.stream().mapToInt(r -> r.get("MagicPoints").asInt()).max().orElseThrow());
            row.put("MinHealthPoints", readings.stream().mapToInt(r -> r.get("HealthPoints").asInt()).min().orElseThrow());
            row.put("MaxHealthPoints", readings.stream().mapToInt(r -> r.get("HealthPoints").asInt()).max().orElseThrow());
            expected.put(key, row);
        });
        return expected;
    }
}
