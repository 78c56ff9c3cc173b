package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** {@code ./wildrydes server} as a real process on a free port, with an SDK client for the test's own checks. */
final class ServerScript implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("Kinesis endpoint (http://127\\.0\\.0\\.1:\\d+)");

    final ScriptRun process;
    final String endpoint;
    final KinesisClient kinesis;

    private ServerScript(ScriptRun process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.kinesis = KinesisClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    static ServerScript start(Path dataDir) throws Exception {
        ScriptRun server = ScriptRun.start(Map.of(), "wildrydes", "server", "--port", "0", "--no-tls", "--state-change-ms", "50",
                "--data-dir", dataDir.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Matcher m = ENDPOINT.matcher(server.stdout());
            if (m.find() && server.stdout().contains("Ready in ")) {
                return new ServerScript(server, m.group(1));
            }
            if (!server.alive() || System.nanoTime() > deadline) {
                server.close();
                throw new AssertionError("the server did not start: " + server.stdout() + server.stderr());
            }
            Thread.sleep(50);
        }
    }

    /** The environment that points the lab scripts at this server. */
    Map<String, String> env() {
        return Map.of("AWS_ENDPOINT_URL_KINESIS", endpoint);
    }

    void createStream(String name, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        awaitActive(name);
    }

    void awaitActive(String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("stream %s ACTIVE", name).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        kinesis.close();
        process.interrupt();
        process.awaitExit(30);
        process.close();
    }
}
