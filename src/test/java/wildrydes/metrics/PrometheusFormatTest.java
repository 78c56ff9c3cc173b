package wildrydes.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import wildrydes.stream.StreamStatus;
import wildrydes.testing.TestClock;

class PrometheusFormatTest {
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)");
    // name{label="value",...} integer, with label values escaped as the format requires.
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)+)} (-?\\d+)");

    private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T12:00:00Z"));
    private final MetricsStore store = new MetricsStore(clock, 100);

    @Test
    void exposesCountersPerStreamWithTheirHelpAndType() {
        store.putRecord("wildrydes", 150, true);
        store.putRecord("wildrydes", 150, true);
        store.putRecords("wildrydes", 3, 1, 300);
        store.getRecords("wildrydes", 4, 600, 1234);
        store.throttled("wildrydes", true);

        Exposition exposition = Exposition.parse(PrometheusFormat.render(
                List.of(new StreamState("wildrydes", StreamStatus.ACTIVE, 2, 24)), store));

        assertThat(exposition.value("kinesis_put_record_success_total{stream=\"wildrydes\"}")).isEqualTo(2);
        assertThat(exposition.value("kinesis_put_record_bytes_total{stream=\"wildrydes\"}")).isEqualTo(300);
        assertThat(exposition.value("kinesis_put_records_success_total{stream=\"wildrydes\"}")).isEqualTo(1);
        assertThat(exposition.value("kinesis_put_records_failed_records_total{stream=\"wildrydes\"}")).isEqualTo(1);
        assertThat(exposition.value("kinesis_incoming_records_total{stream=\"wildrydes\"}")).isEqualTo(4);
        assertThat(exposition.value("kinesis_incoming_bytes_total{stream=\"wildrydes\"}")).isEqualTo(500);
        assertThat(exposition.value("kinesis_get_records_success_total{stream=\"wildrydes\"}")).isEqualTo(1);
        assertThat(exposition.value("kinesis_get_records_records_total{stream=\"wildrydes\"}")).isEqualTo(4);
        assertThat(exposition.value("kinesis_write_throttled_total{stream=\"wildrydes\"}")).isEqualTo(1);
        assertThat(exposition.value("kinesis_read_throttled_total{stream=\"wildrydes\"}")).isZero();
        assertThat(exposition.value("kinesis_get_records_iterator_age_milliseconds{stream=\"wildrydes\"}")).isEqualTo(1234);
        assertThat(exposition.value("kinesis_stream_open_shards{stream=\"wildrydes\"}")).isEqualTo(2);
        assertThat(exposition.value("kinesis_stream_retention_period_hours{stream=\"wildrydes\"}")).isEqualTo(24);
        assertThat(exposition.types).containsEntry("kinesis_put_record_success_total", "counter")
                .containsEntry("kinesis_get_records_iterator_age_milliseconds", "gauge")
                .containsEntry("kinesis_stream_open_shards", "gauge");
        assertThat(exposition.helps.get("kinesis_put_record_success_total")).isEqualTo("PutRecord calls that wrote their record.");
    }

    @Test
    void everyFamilyIsDeclaredOnceBeforeItsSamplesAndCountersEndInTotal() {
        store.putRecord("a", 1, true);
        Exposition exposition = Exposition.parse(PrometheusFormat.render(List.of(
                new StreamState("a", StreamStatus.ACTIVE, 1, 24),
                new StreamState("b", StreamStatus.CREATING, 4, 48)), store));

        for (Metric metric : Metric.values()) {
            if (!metric.isMaximum()) {
                String name = PrometheusFormat.counterName(metric);
                assertThat(exposition.types).containsEntry(name, "counter");
                assertThat(exposition.samplesOf(name)).hasSize(2);
            }
        }
        exposition.types.forEach((name, type) -> {
            assertThat(name.endsWith("_total")).as("%s is a %s", name, type).isEqualTo(type.equals("counter"));
            assertThat(exposition.helps).containsKey(name);
        });
        assertThat(exposition.value("kinesis_put_record_success_total{stream=\"b\"}")).as("a stream without traffic").isZero();
    }

    @Test
    void statusIsOneForTheCurrentStatusAndZeroForTheOthers() {
        Exposition exposition = Exposition.parse(PrometheusFormat.render(
                List.of(new StreamState("s", StreamStatus.UPDATING, 1, 24)), store));

        for (StreamStatus status : StreamStatus.values()) {
            assertThat(exposition.value("kinesis_stream_status{stream=\"s\",status=\"" + status + "\"}"))
                    .isEqualTo(status == StreamStatus.UPDATING ? 1 : 0);
        }
    }

    @Test
    void withoutStreamsEveryFamilyIsStillDeclared() {
        String text = PrometheusFormat.render(List.of(), store);
        Exposition exposition = Exposition.parse(text);

        assertThat(exposition.samples).isEmpty();
        assertThat(exposition.types).containsKeys("kinesis_put_record_success_total", "kinesis_stream_status");
        assertThat(text).endsWith("\n");
    }

    @Test
    void escapesLabelValuesAndHelpText() {
        assertThat(PrometheusFormat.escapeLabel("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
        assertThat(PrometheusFormat.escapeHelp("x\\y\nz")).isEqualTo("x\\\\y\\nz");

        String text = PrometheusFormat.render(List.of(new StreamState("odd\"name", StreamStatus.ACTIVE, 1, 24)), store);
        assertThat(Exposition.parse(text).value("kinesis_stream_open_shards{stream=\"odd\\\"name\"}")).isEqualTo(1);
    }

    /** A strict reader of the text format: fails on any line the format does not allow. */
    private static final class Exposition {
        final Map<String, String> helps = new HashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final Map<String, Long> samples = new LinkedHashMap<>();
        final List<String> sampleNames = new ArrayList<>();

        static Exposition parse(String text) {
            Exposition e = new Exposition();
            Set<String> finished = new HashSet<>();
            String current = null;
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                Matcher help = HELP.matcher(line);
                Matcher type = TYPE.matcher(line);
                Matcher sample = SAMPLE.matcher(line);
                if (help.matches()) {
                    assertThat(e.helps.put(help.group(1), help.group(2))).as("one HELP for %s", help.group(1)).isNull();
                } else if (type.matches()) {
                    assertThat(e.types.put(type.group(1), type.group(2))).as("one TYPE for %s", type.group(1)).isNull();
                    assertThat(e.helps).as("HELP before TYPE of %s", type.group(1)).containsKey(type.group(1));
                    if (current != null) {
                        finished.add(current);
                    }
                    current = type.group(1);
                } else if (sample.matches()) {
                    String name = sample.group(1);
                    assertThat(name).as("sample under its own family's TYPE").isEqualTo(current);
                    assertThat(finished).as("samples of %s together", name).doesNotContain(name);
                    String key = name + "{" + sample.group(2) + "}";
                    assertThat(e.samples.put(key, Long.parseLong(sample.group(3)))).as("one sample %s", key).isNull();
                    e.sampleNames.add(name);
                } else {
                    throw new AssertionError("not a line of the Prometheus text format: " + line);
                }
            }
            return e;
        }

        long value(String key) {
            assertThat(samples).containsKey(key);
            return samples.get(key);
        }

        List<String> samplesOf(String name) {
            return sampleNames.stream().filter(name::equals).toList();
        }
    }
}
