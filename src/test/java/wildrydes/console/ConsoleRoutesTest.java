package wildrydes.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import wildrydes.testing.ServerFixture;

/** The console's HTTP side: pages and files from the jar, its JSON endpoints and /metrics. */
class ConsoleRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'");
    private static final Pattern PAGE_ASSET = Pattern.compile("(?:src|href)=\"/console/([a-z0-9-]+\\.[a-z]+)\"");

    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory();
    static KinesisClient kinesis;
    static HttpClient http;

    @BeforeAll
    static void start() {
        kinesis = ConsoleTestClients.kinesis(server.endpoint());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        kinesis.close();
        http.close();
    }

    static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void aBrowserGetsTheConsoleAtTheRoot() {
        HttpResponse<String> page = get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>");
        assertThat(get("/console/").body()).isEqualTo(page.body());
    }

    @Test
    void otherClientsStillGetThePlainTextDescriptionAtTheRoot() {
        HttpResponse<String> text = get("/", "Accept", "*/*");

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(text.body()).contains("Kinesis", "X-Amz-Target", "in a browser for the web console", "/metrics");
    }

    @Test
    void everyFileThePageLoadsIsServedFromTheJarAndNothingComesFromElsewhere() {
        Set<String> seen = new HashSet<>();
        Deque<String> toLoad = new ArrayDeque<>();
        Matcher pageAssets = PAGE_ASSET.matcher(get("/console/index.html").body());
        while (pageAssets.find()) {
            toLoad.add(pageAssets.group(1));
        }
        while (!toLoad.isEmpty()) {
            String name = toLoad.poll();
            if (!seen.add(name)) {
                continue;
            }
            HttpResponse<String> file = get("/console/" + name);
            assertThat(file.statusCode()).as(name).isEqualTo(200);
            String type = file.headers().firstValue("Content-Type").orElseThrow();
            if (name.endsWith(".js")) {
                assertThat(type).as(name).isEqualTo("text/javascript; charset=utf-8");
                Matcher imports = IMPORT.matcher(file.body());
                while (imports.find()) {
                    toLoad.add(imports.group(1));
                }
            }
            // The SVG namespace is a name, not a download; any other absolute URL would need the internet.
            assertThat(file.body().replace("http://www.w3.org/2000/svg", "")).as(name).doesNotContain("http://", "https://", "//cdn");
        }
        assertThat(seen).contains("app.js", "style.css", "kinesis.js", "monitoring.js", "chart.js", "shards.js",
                "data-viewer.js", "unicorn-map.js", "shard-follower.js", "streams.js", "stream-page.js", "dom.js", "favicon.svg");
    }

    @Test
    void onlyConsoleFilesAreServed() {
        assertThat(get("/console/missing.js").statusCode()).isEqualTo(404);
        assertThat(get("/console/%2e%2e/simplelogger.properties").statusCode()).isEqualTo(404);
        assertThat(get("/console/..%2fsimplelogger.properties").statusCode()).isEqualTo(404);
        assertThat(get("/console/wildrydes/cli/Main.class").statusCode()).isEqualTo(404);
        assertThat(get("/console/Main.class").statusCode()).isEqualTo(404);
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/console/app.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(get("/console/app.js").body().length());
    }

    @Test
    void metricsFollowTheTrafficOfAStreamUntilItIsDeleted() throws Exception {
        String stream = "routes-metrics";
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        for (int i = 0; i < 3; i++) {
            kinesis.putRecord(r -> r.streamName(stream).partitionKey("Shadowfax").data(SdkBytes.fromUtf8String("{\"n\":1}")));
        }
        kinesis.putRecords(r -> r.streamName(stream).records(
                PutRecordsRequestEntry.builder().partitionKey("a").data(SdkBytes.fromUtf8String("x")).build(),
                PutRecordsRequestEntry.builder().partitionKey("b").data(SdkBytes.fromUtf8String("y")).build()));
        String shard = kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        kinesis.getRecords(r -> r.shardIterator(iterator));

        JsonNode window = json(get("/console/api/metrics?stream=" + stream + "&minutes=15"));
        assertThat(window.get("minutes").asInt()).isEqualTo(15);
        assertThat(window.get("minuteMillis").asLong()).isEqualTo(60_000);
        assertThat(window.get("firstMinuteMillis").asLong() % 60_000).isZero();
        assertThat(sum(window.get("series").get("putRecordSuccess"))).isEqualTo(3);
        assertThat(sum(window.get("series").get("putRecordsSuccess"))).isEqualTo(1);
        assertThat(sum(window.get("series").get("incomingRecords"))).isEqualTo(5);
        assertThat(sum(window.get("series").get("getRecordsSuccess"))).isEqualTo(1);
        assertThat(sum(window.get("series").get("getRecordsRecords"))).isEqualTo(5);
        assertThat(window.get("series").get("putRecordSuccess")).hasSize(15);

        JsonNode activity = json(get("/console/api/activity"));
        assertThat(activity.get("streams").get(stream).get("incomingRecords").asLong()).isBetween(1L, 5L);

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains(
                "# TYPE kinesis_put_record_success_total counter\n",
                "kinesis_put_record_success_total{stream=\"" + stream + "\"} 3\n",
                "kinesis_incoming_records_total{stream=\"" + stream + "\"} 5\n",
                "kinesis_get_records_records_total{stream=\"" + stream + "\"} 5\n",
                "kinesis_stream_open_shards{stream=\"" + stream + "\"} 1\n",
                "kinesis_stream_status{stream=\"" + stream + "\",status=\"ACTIVE\"} 1\n");

        kinesis.deleteStream(r -> r.streamName(stream));
        assertThat(get("/metrics").body()).doesNotContain("stream=\"" + stream + "\"");
        assertThat(json(get("/console/api/activity")).get("streams").has(stream)).isFalse();
    }

    @Test
    void metricsOfAnUnknownStreamAreRefusedInTheApisWords() throws Exception {
        HttpResponse<String> unknown = get("/console/api/metrics?stream=nope&minutes=60");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(json(unknown).get("message").asText()).isEqualTo("Stream nope under account 000000000000 not found.");

        HttpResponse<String> noStream = get("/console/api/metrics");
        assertThat(noStream.statusCode()).isEqualTo(400);
        assertThat(json(noStream).get("message").asText()).contains("'stream' is required");

        kinesis.createStream(r -> r.streamName("routes-window").shardCount(1));
        try {
            for (String minutes : new String[] {"0", "1441", "abc"}) {
                HttpResponse<String> bad = get("/console/api/metrics?stream=routes-window&minutes=" + minutes);
                assertThat(bad.statusCode()).as(minutes).isEqualTo(400);
                assertThat(json(bad).get("message").asText()).contains("from 1 to 1440");
            }
            assertThat(json(get("/console/api/metrics?stream=routes-window&minutes=1440")).get("minutes").asInt()).isEqualTo(1440);
        } finally {
            kinesis.deleteStream(r -> r.streamName("routes-window"));
        }
    }

    private static long sum(JsonNode values) {
        long sum = 0;
        for (JsonNode value : values) {
            sum += value.asLong();
        }
        return sum;
    }
}
