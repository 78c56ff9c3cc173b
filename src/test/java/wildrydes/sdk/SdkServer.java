package wildrydes.sdk;

import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/** A durable server on a random port with an SDK client (CBOR), for one test class. */
final class SdkServer implements AutoCloseable {
    final KinesisServer server;
    final KinesisClient kinesis;
    final SdkClients.ContentTypeRecorder recorder = new SdkClients.ContentTypeRecorder();

    SdkServer(Path dataDir, ServerConfig base) {
        server = KinesisServer.start(base.withPort(0).withDataDir(dataDir).withStateChangeMillis(400));
        kinesis = SdkClients.kinesis(server.endpoint(), recorder);
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

    @Override
    public void close() {
        kinesis.close();
        server.close();
    }
}
