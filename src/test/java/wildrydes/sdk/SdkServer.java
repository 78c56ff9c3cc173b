package wildrydes.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.server.ServerConfig;
import wildrydes.testing.ServerFixture;

/**
 * A durable server on a free port with an SDK client (CBOR unless the JVM says otherwise) for
 * the tests of one class; state changes take 400 ms, as the tests that watch them need.
 */
final class SdkServer extends ServerFixture {
    SdkClients.ContentTypeRecorder recorder;
    KinesisClient kinesis;

    private SdkServer(UnaryOperator<ServerConfig> configure) {
        super(true, config -> configure.apply(config.withStateChangeMillis(400)));
    }

    public static SdkServer durable() {
        return new SdkServer(UnaryOperator.identity());
    }

    public static SdkServer durable(UnaryOperator<ServerConfig> configure) {
        return new SdkServer(configure);
    }

    /** A class's calls are recorded from its start, and across a {@link #restart()}. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        recorder = new SdkClients.ContentTypeRecorder();
        super.beforeAll(context);
    }

    @Override
    protected void started() {
        kinesis = SdkClients.kinesis(endpoint(), recorder);
    }

    @Override
    protected void stopping() {
        kinesis.close();
    }

    String createActiveStream(String name, int shards) {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        awaitStatus(name, StreamStatus.ACTIVE);
        return name;
    }

    void awaitStatus(String name, StreamStatus status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stream " + name + " never became " + status);
            }
            KinesisApiContract.sleep(20);
        }
    }

    /** Waits for an UPDATING stream to be ACTIVE again. */
    void awaitUpdate(String name) {
        KinesisApiContract.sleep(20);
        awaitStatus(name, StreamStatus.ACTIVE);
    }
}
