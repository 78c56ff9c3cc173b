package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/** A durable server's /metrics also says how the store commits: fsyncs, group commits, records per fsync, journal bytes. */
class StorageMetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("(?m)^(wildrydes_[a-z_]+) (-?[0-9.]+)$");

    @TempDir
    Path dataDir;

    private static Map<String, Double> storageSamples(String endpoint) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Double> samples = new HashMap<>();
            Matcher matcher = SAMPLE.matcher(response.body());
            while (matcher.find()) {
                samples.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
            }
            for (String name : samples.keySet()) {
                assertThat(response.body()).contains("# HELP " + name + " ", "# TYPE " + name + " ");
            }
            return samples;
        }
    }

    @Test
    void aDurableServerReportsFsyncsGroupCommitsRecordsPerFsyncAndJournalBytes() throws Exception {
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir)
                .withStateChangeMillis(0));
             KinesisClient kinesis = ConsoleTestClients.kinesis(server.endpoint())) {
            kinesis.createStream(r -> r.streamName("metered").shardCount(4));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("metered"));
            Map<String, Double> before = storageSamples(server.endpoint());
            for (int i = 0; i < 5; i++) {
                int batch = i;
                kinesis.putRecords(r -> r.streamName("metered").records(java.util.stream.IntStream.range(0, 100)
                        .mapToObj(n -> PutRecordsRequestEntry.builder().partitionKey("k" + n)
                                .data(SdkBytes.fromUtf8String("reading " + batch + "-" + n)).build()).toList()));
            }

            Map<String, Double> after = storageSamples(server.endpoint());

            assertThat(after.get("wildrydes_journal_records_total") - before.get("wildrydes_journal_records_total")).isEqualTo(500);
            double commits = after.get("wildrydes_journal_group_commits_total") - before.get("wildrydes_journal_group_commits_total");
            // Each PutRecords of 100 records to 4 shards is 4 appends, committed with one fdatasync at most each.
            assertThat(commits).isBetween(1.0, 20.0);
            assertThat(after.get("wildrydes_storage_fsyncs_total")).isGreaterThan(before.get("wildrydes_storage_fsyncs_total"));
            assertThat(after.get("wildrydes_journal_written_bytes_total") - before.get("wildrydes_journal_written_bytes_total"))
                    .isGreaterThan(500 * 10.0);
            assertThat(after.get("wildrydes_journal_bytes")).isPositive();
            assertThat(after.get("wildrydes_journal_file_bytes")).isGreaterThanOrEqualTo(after.get("wildrydes_journal_bytes"));
            assertThat(after).containsKeys("wildrydes_storage_fsyncs_per_second", "wildrydes_journal_records_per_fsync",
                    "wildrydes_journal_group_commits_per_second", "wildrydes_journal_checkpoints_total",
                    "wildrydes_journal_replayed_entries", "wildrydes_journal_replayed_bytes");
        }
    }

    @Test
    void anInMemoryServerHasNoStorageFigures() throws Exception {
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory())) {
            assertThat(storageSamples(server.endpoint())).isEmpty();
        }
    }
}
