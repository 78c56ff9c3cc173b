package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/** The server in process (in memory, a free port), the SDK client the lab uses, and aggregations run on a thread. */
final class LocalStreams implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final KinesisServer server;
    final KinesisEndpoint endpoint;
    final KinesisClient kinesis;

    LocalStreams() {
        server = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory().withStateChangeMillis(100));
        endpoint = KinesisEndpoint.resolve(server.endpoint(), "us-east-1", Map.of());
        kinesis = endpoint.client();
    }

    void createStream(String stream, int shards) throws InterruptedException {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        awaitActive(stream);
    }

    void awaitActive(String stream) throws InterruptedException {
        await(() -> kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                == StreamStatus.ACTIVE, 20, "stream " + stream + " ACTIVE");
    }

    String put(String stream, String partitionKey, String data) {
        return kinesis.putRecord(r -> r.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromUtf8String(data))).sequenceNumber();
    }

    /** A reading as the producer writes it. */
    static String reading(String name, String statusTime, double distance, int magic, int health) {
        return "{\"Name\":\"" + name + "\",\"StatusTime\":\"" + statusTime + "\",\"Latitude\":40.75,\"Longitude\":-73.98,\"Distance\":"
                + (distance == Math.rint(distance) ? Long.toString((long) distance) : Double.toString(distance))
                + ",\"MagicPoints\":" + magic + ",\"HealthPoints\":" + health + "}";
    }

    /** Every record of every shard, shard by shard from the trim horizon. */
    List<Record> readAll(String stream) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                String current = it;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                all.addAll(page.records());
                if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                    break;
                }
                it = page.nextShardIterator();
            }
        }
        return all;
    }

    /** How many records the stream holds; 0 while it does not exist or is still being created. */
    int count(String stream) {
        try {
            return readAll(stream).size();
        } catch (software.amazon.awssdk.services.kinesis.model.KinesisException notYet) {
            return 0;
        }
    }

    /** The destination's records as JSON objects. */
    List<JsonNode> readJson(String stream) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Record record : readAll(stream)) {
            out.add(JSON.readTree(record.data().asUtf8String()));
        }
        return out;
    }

    List<Shard> openShards(String stream) {
        return kinesis.listShards(r -> r.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards();
    }

    void split(String stream, Shard shard) throws InterruptedException {
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        String middle = start.add(end).add(BigInteger.ONE).shiftRight(1).toString();
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(shard.shardId()).newStartingHashKey(middle));
        awaitActive(stream);
    }

    void merge(String stream, Shard lower, Shard upper) throws InterruptedException {
        kinesis.mergeShards(r -> r.streamName(stream).shardToMerge(lower.shardId()).adjacentShardToMerge(upper.shardId()));
        awaitActive(stream);
    }

    /** An aggregation running on its own thread until {@link Running#stop()}. */
    Running start(AggregateSettings settings) {
        return new Running(this, settings);
    }

    static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static AggregateSettings settings(String source, String destination, Path state) {
        return AggregateSettings.workshop(source, destination, wildrydes.lab.tail.StartPosition.TRIM_HORIZON, state);
    }

    @Override
    public void close() {
        kinesis.close();
        server.close();
    }

    /** One aggregation on a thread of its own, its stderr kept. */
    static final class Running {
        final AtomicBoolean stop = new AtomicBoolean();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<Aggregator.Summary> summary;

        Running(LocalStreams streams, AggregateSettings settings) {
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            Aggregator aggregator = new Aggregator(settings, errStream, false, 1_000, Map.of());
            summary = CompletableFuture.supplyAsync(() -> {
                try (aggregator) {
                    return aggregator.run(streams.kinesis, streams.endpoint, null, null, stop);
                }
            }, r -> Thread.ofPlatform().name("test-aggregation").start(r));
        }

        Aggregator.Summary stop() throws Exception {
            stop.set(true);
            try {
                return summary.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("the aggregation failed; stderr:\n" + stderr(), e.getCause());
            }
        }

        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
