package wildrydes.process;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** AWS SDK v2 helpers shared by the process tests. */
final class Sdk {
    private Sdk() {
    }

    /** A client for the endpoint; with {@code retries} false a failed call fails at once (no hidden re-sends). */
    static KinesisClient client(String endpoint, boolean retries) {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(15)))
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(Duration.ofSeconds(30));
                    if (!retries) {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }

    /** Polls DescribeStreamSummary until the stream is ACTIVE; fails after the timeout. */
    static void awaitActive(KinesisClient client, String stream, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StreamStatus last = null;
        while (System.nanoTime() < deadline) {
            last = client.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus();
            if (last == StreamStatus.ACTIVE) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Stream " + stream + " not ACTIVE within " + timeout + "; last status " + last);
    }

    static List<String> shardIds(KinesisClient client, String stream) {
        List<String> ids = new ArrayList<>();
        for (Shard shard : client.listShards(r -> r.streamName(stream)).shards()) {
            ids.add(shard.shardId());
        }
        return ids;
    }

    /**
     * Reads a shard from TRIM_HORIZON until GetRecords returns nothing and says it is caught up
     * (MillisBehindLatest 0). Bounded in calls.
     */
    static List<Record> readShard(KinesisClient client, String stream, String shardId) {
        String iterator = client.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        for (int calls = 0; calls < 1_000; calls++) {
            String current = iterator;
            GetRecordsResponse page = client.getRecords(r -> r.shardIterator(current).limit(10_000));
            records.addAll(page.records());
            if (page.records().isEmpty() && page.millisBehindLatest() != null && page.millisBehindLatest() == 0) {
                return records;
            }
            if (page.nextShardIterator() == null) {
                return records;
            }
            iterator = page.nextShardIterator();
        }
        throw new AssertionError("Reading " + shardId + " of " + stream + " did not catch up within 1000 GetRecords calls; read "
                + records.size() + " records");
    }
}
