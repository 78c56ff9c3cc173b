package wildrydes.lab.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/** The server in process (in memory, a free port) and the SDK clients the lab uses, with the few steps tail tests repeat. */
final class LocalKinesis implements AutoCloseable {
    final KinesisServer server;
    final KinesisEndpoint endpoint;
    final KinesisClient kinesis;
    private KinesisAsyncClient async;

    private LocalKinesis(ServerConfig config) {
        server = KinesisServer.start(config);
        endpoint = KinesisEndpoint.resolve(server.endpoint(), "us-east-1", Map.of());
        kinesis = endpoint.client();
    }

    static LocalKinesis start() {
        return new LocalKinesis(ServerConfig.defaults().withPort(0).withInMemory().withStateChangeMillis(100));
    }

    /** One that answers this fraction of GetRecords (and puts) with InternalFailure. */
    static LocalKinesis withFaults(double rate) {
        return new LocalKinesis(ServerConfig.defaults().withPort(0).withInMemory().withStateChangeMillis(100).withLimits(false, rate));
    }

    synchronized KinesisAsyncClient async() {
        if (async == null) {
            async = endpoint.asyncClient();
        }
        return async;
    }

    void createStream(String stream, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        awaitActive(stream);
    }

    void awaitActive(String stream) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("stream %s ACTIVE", stream).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Puts one record, retrying what the server refuses on purpose (injected faults). */
    String put(String stream, String partitionKey, byte[] data) {
        for (int attempt = 1; ; attempt++) {
            try {
                return kinesis.putRecord(r -> r.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)))
                        .sequenceNumber();
            } catch (software.amazon.awssdk.services.kinesis.model.KinesisException e) {
                if (attempt > 20 || e.statusCode() < 500) {
                    throw e;
                }
            }
        }
    }

    List<Shard> openShards(String stream) {
        return kinesis.listShards(r -> r.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards();
    }

    /** Splits the shard in the middle of its hash key range and waits until the stream is ACTIVE again. */
    void split(String stream, Shard shard) throws InterruptedException {
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        String middle = start.add(end).add(BigInteger.ONE).shiftRight(1).toString();
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(shard.shardId()).newStartingHashKey(middle));
        awaitActive(stream);
    }

    /** Merges two adjacent open shards and waits until the stream is ACTIVE again. */
    void merge(String stream, Shard lower, Shard upper) throws InterruptedException {
        kinesis.mergeShards(r -> r.streamName(stream).shardToMerge(lower.shardId()).adjacentShardToMerge(upper.shardId()));
        awaitActive(stream);
    }

    @Override
    public void close() {
        if (async != null) {
            async.close();
        }
        kinesis.close();
        server.close();
    }
}
