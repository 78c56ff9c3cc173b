package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.kpl.KplAggregate;
import wildrydes.lab.kpl.KplRecords;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/** {@code ./consumer} and records the Kinesis Producer Library aggregated: one line per user record, or as they are. */
class ConsumerPrintsKplAggregatesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static KinesisServer server;
    static KinesisClient kinesis;
    static Map<String, String> env;
    static String aggregateSequence;

    @BeforeAll
    static void startServerWithAnAggregate() throws Exception {
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir).withStateChangeMillis(50));
        kinesis = KinesisClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        env = Map.of("AWS_ENDPOINT_URL_KINESIS", server.endpoint());
        kinesis.createStream(r -> r.streamName("kpl").shardCount(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName("kpl")).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        byte[] aggregate = KplRecords.aggregate("Shadowfax", List.of("{\"Name\":\"Shadowfax\",\"n\":1}",
                "{\"Name\":\"Shadowfax\",\"n\":2}", "{\"Name\":\"Shadowfax\",\"n\":3}"));
        aggregateSequence = kinesis.putRecord(r -> r.streamName("kpl").partitionKey("Shadowfax")
                .data(SdkBytes.fromByteArray(aggregate))).sequenceNumber();
        kinesis.putRecord(r -> r.streamName("kpl").partitionKey("Bucephalus").data(SdkBytes.fromUtf8String("{\"Name\":\"Bucephalus\"}")));
    }

    @AfterAll
    static void stopServer() {
        kinesis.close();
        server.close();
    }

    @Test
    void eachUserRecordOfAnAggregateIsALineAndMetaShowsItsSubSequenceNumber() throws Exception {
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", "kpl", "-from", "trim-horizon", "-max", "4",
                "-format", "line")) {
            assertThat(consumer.exitCode()).as(consumer.stderr()).isZero();
            assertThat(consumer.stdout().lines().toList()).containsExactly("{\"Name\":\"Shadowfax\",\"n\":1}",
                    "{\"Name\":\"Shadowfax\",\"n\":2}", "{\"Name\":\"Shadowfax\",\"n\":3}", "{\"Name\":\"Bucephalus\"}");
        }
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", "kpl", "-from", "trim-horizon", "-max", "4",
                "-format", "line", "-meta")) {
            List<JsonNode> lines = consumer.stdout().lines().map(ConsumerPrintsKplAggregatesIT::json).toList();
            assertThat(lines).hasSize(4);
            for (int i = 0; i < 3; i++) {
                assertThat(lines.get(i).get("SequenceNumber").asText()).isEqualTo(aggregateSequence);
                assertThat(lines.get(i).get("SubSequenceNumber").asLong()).isEqualTo(i);
                assertThat(lines.get(i).get("PartitionKey").asText()).isEqualTo("Shadowfax");
                assertThat(iterable(lines.get(i).fieldNames())).containsExactly("ShardId", "SequenceNumber",
                        "SubSequenceNumber", "PartitionKey", "ApproximateArrivalTimestamp", "Data");
            }
            assertThat(lines.get(3).has("SubSequenceNumber")).as("a plain record has none").isFalse();
        }
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", "kpl", "-from", "trim-horizon", "-max", "1",
                "-format", "raw", "-meta")) {
            assertThat(consumer.stdout()).startsWith("shardId-000000000000\t" + aggregateSequence + ":0\tShadowfax\t");
        }
    }

    @Test
    void rawAggregatesPrintsEachKinesisRecordAsItIs() throws Exception {
        try (ScriptRun consumer = ScriptRun.run(env, 60, "consumer", "-stream", "kpl", "-from", "trim-horizon", "-max", "2",
                "-format", "base64", "-raw-aggregates")) {
            assertThat(consumer.exitCode()).as(consumer.stderr()).isZero();
            List<String> lines = consumer.stdout().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(KplAggregate.hasMagic(Base64.getDecoder().decode(lines.get(0)))).isTrue();
            assertThat(Base64.getDecoder().decode(lines.get(1))).asString().isEqualTo("{\"Name\":\"Bucephalus\"}");
        }
        try (ScriptRun help = ScriptRun.run(Map.of(), 60, "consumer", "--help")) {
            assertThat(help.stdout()).contains("-raw-aggregates");
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
