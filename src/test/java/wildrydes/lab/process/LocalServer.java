package wildrydes.lab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/** The server in process (in memory, a free port) with the Kinesis and DynamoDB clients the tool uses. */
final class LocalServer implements AutoCloseable {
    final KinesisServer server;
    final KinesisEndpoint endpoint;
    final KinesisClient kinesis;
    final DynamoDbClient dynamo;

    LocalServer() {
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory().withStateChangeMillis(20));
        endpoint = KinesisEndpoint.resolve(server.endpoint(), "us-east-1", Map.of());
        kinesis = endpoint.client();
        dynamo = TableClient.client(endpoint, URI.create(server.endpoint()));
    }

    void createStream(String stream, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("stream %s ACTIVE", stream).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    String put(String stream, String partitionKey, String data) {
        return kinesis.putRecord(r -> r.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromUtf8String(data))).sequenceNumber();
    }

    List<String> readAll(String stream) {
        List<String> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                String current = it;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
                page.records().stream().map(Record::data).map(d -> d.asString(StandardCharsets.UTF_8)).forEach(all::add);
                if (page.records().isEmpty()) {
                    break;
                }
                it = page.nextShardIterator();
            }
        }
        return all;
    }

    @Override
    public void close() {
        kinesis.close();
        dynamo.close();
        server.close();
    }
}
