package wildrydes.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** SplitShard, MergeShards and UpdateShardCount through the AWS SDK for Java v2, with AWS's rules and lineage. */
class ReshardingTest {
    static final BigInteger TOP = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    static final String HALF = BigInteger.ONE.shiftLeft(127).toString();

    @RegisterExtension
    static final SdkServer server = SdkServer.durable();
    static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        kinesis = server.kinesis;
    }

    static Map<String, Shard> shards(String stream) {
        Map<String, Shard> byId = new LinkedHashMap<>();
        kinesis.listShards(r -> r.streamName(stream)).shards().forEach(s -> byId.put(s.shardId(), s));
        return byId;
    }

    @Test
    void splitClosesTheParentAndCreatesTwoChildren() {
        String stream = server.createActiveStream("split", 1);
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(HALF));
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus())
                .isEqualTo(StreamStatus.UPDATING);
        server.awaitUpdate(stream);
        Map<String, Shard> shards = shards(stream);
        assertThat(shards.keySet()).containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get("shardId-000000000000").sequenceNumberRange().endingSequenceNumber()).isNotNull();
        Shard left = shards.get("shardId-000000000001");
        Shard right = shards.get("shardId-000000000002");
        assertThat(left.parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(right.parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(left.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(left.hashKeyRange().endingHashKey()).isEqualTo(new BigInteger(HALF).subtract(BigInteger.ONE).toString());
        assertThat(right.hashKeyRange().startingHashKey()).isEqualTo(HALF);
        assertThat(right.hashKeyRange().endingHashKey()).isEqualTo(TOP.toString());
        assertThat(kinesis.describeStream(r -> r.streamName(stream)).streamDescription().shards()).hasSize(3);
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().openShardCount()).isEqualTo(2);
    }

    @Test
    void aClosedShardReadToItsEndGivesANullIteratorAndItsChildren() {
        String stream = server.createActiveStream("closedend", 1);
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("a").data(SdkBytes.fromUtf8String("before")));
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(HALF));
        server.awaitUpdate(stream);
        String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        GetRecordsResponse last = kinesis.getRecords(r -> r.shardIterator(it));
        assertThat(last.records()).extracting(rec -> rec.data().asUtf8String()).containsExactly("before");
        assertThat(last.nextShardIterator()).isNull();
        assertThat(last.childShards()).extracting(c -> c.shardId()).containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(last.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");
        assertThat(last.childShards().get(1).hashKeyRange().startingHashKey()).isEqualTo(HALF);
        String latest = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        GetRecordsResponse atEnd = kinesis.getRecords(r -> r.shardIterator(latest));
        assertThat(atEnd.records()).isEmpty();
        assertThat(atEnd.nextShardIterator()).isNull();
        assertThat(atEnd.childShards()).hasSize(2);
    }

    @Test
    void reshardingRulesAreEnforced() {
        String stream = server.createActiveStream("rules", 3);
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey("1")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("is not both greater than one plus the shard's StartingHashKey");
        assertThatThrownBy(() -> kinesis.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000000")
                .adjacentShardToMerge("shardId-000000000002")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("are not an adjacent pair of shards eligible for merging");
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000009").newStartingHashKey(HALF)))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
        String third = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(3)).divide(BigInteger.TWO).toString();
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(third));
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000001").newStartingHashKey(HALF)))
                .as("no second change while UPDATING").isInstanceOf(ResourceInUseException.class).hasMessageContaining("not ACTIVE, instead in state UPDATING");
        server.awaitUpdate(stream);
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(third)))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("has already been merged or split");
        assertThatThrownBy(() -> kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(9).scalingType(ScalingType.UNIFORM_SCALING)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("cannot scale up over double");
        assertThatThrownBy(() -> kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(1).scalingType(ScalingType.UNIFORM_SCALING)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("cannot scale down below half");
    }

    @Test
    void mergeJoinsTwoAdjacentShards() {
        String stream = server.createActiveStream("merge", 2);
        kinesis.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000001").adjacentShardToMerge("shardId-000000000000"));
        server.awaitUpdate(stream);
        Shard child = shards(stream).get("shardId-000000000002");
        assertThat(child.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(child.adjacentParentShardId()).isEqualTo("shardId-000000000000");
        assertThat(child.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(child.hashKeyRange().endingHashKey()).isEqualTo(TOP.toString());
        assertThat(kinesis.listShards(r -> r.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards())
                .extracting(Shard::shardId).containsExactly("shardId-000000000002");
    }

    @Test
    void updateShardCountMakesEvenShardsWithLineage() {
        String stream = server.createActiveStream("uniform", 2);
        var response = kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(4).scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(response.currentShardCount()).isEqualTo(2);
        assertThat(response.targetShardCount()).isEqualTo(4);
        server.awaitUpdate(stream);
        assertEvenOpenShards(stream, 4);
        kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING));
        server.awaitUpdate(stream);
        assertEvenOpenShards(stream, 3);
    }

    private static void assertEvenOpenShards(String stream, int count) {
        Map<String, Shard> all = shards(stream);
        List<Shard> open = all.values().stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).toList();
        assertThat(open).hasSize(count);
        BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
        for (int i = 0; i < count; i++) {
            assertThat(new BigInteger(open.get(i).hashKeyRange().startingHashKey())).isEqualTo(width.multiply(BigInteger.valueOf(i)));
            assertThat(all).containsKey(open.get(i).parentShardId());
            if (open.get(i).adjacentParentShardId() != null) {
                assertThat(all).containsKey(open.get(i).adjacentParentShardId());
            }
        }
    }

    @Test
    void listShardFiltersFollowTheLineage() {
        String stream = server.createActiveStream("filters", 1);
        Instant beforeSplit = Instant.now();
        KinesisApiContract.sleep(5);
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(HALF));
        server.awaitUpdate(stream);
        assertThat(filter(stream, ShardFilterType.AT_LATEST, null)).containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(filter(stream, ShardFilterType.AT_TRIM_HORIZON, null)).containsExactly("shardId-000000000000");
        assertThat(filter(stream, ShardFilterType.FROM_TRIM_HORIZON, null)).hasSize(3);
        assertThat(filter(stream, ShardFilterType.AT_TIMESTAMP, beforeSplit)).containsExactly("shardId-000000000000");
        assertThat(filter(stream, ShardFilterType.AT_TIMESTAMP, Instant.now())).containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(filter(stream, ShardFilterType.FROM_TIMESTAMP, beforeSplit)).hasSize(3);
    }

    private static List<String> filter(String stream, ShardFilterType type, Instant at) {
        return kinesis.listShards(r -> r.streamName(stream).shardFilter(f -> f.type(type).timestamp(at))).shards()
                .stream().map(Shard::shardId).toList();
    }

    @Test
    void onDemandStreamsCannotBeReshardedByHand() {
        String stream = "ondemand-reshard";
        kinesis.createStream(r -> r.streamName(stream).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        server.awaitStatus(stream, StreamStatus.ACTIVE);
        assertThatThrownBy(() -> kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey("12345")))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void everyRecordIsReadOnceAndInOrderAcrossReshardsWhileWriting() throws Exception {
        String stream = server.createActiveStream("live", 2);
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    for (int k = writer; k < 30; k += 3) { // each key belongs to one writer, so its counter only grows
                        String key = "key-" + k;
                        long value = n;
                        kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(key + ":" + value)));
                        acknowledged.merge(key, value, Math::max);
                    }
                    n++;
                }
                return null;
            }));
        }
        KinesisApiContract.sleep(300);
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(
                BigInteger.ONE.shiftLeft(126).toString()));
        server.awaitUpdate(stream);
        KinesisApiContract.sleep(300);
        // shard 0 became 2 [0, 2^126) and 3 [2^126, 2^127); 3 and 1 [2^127, 2^128) are adjacent
        kinesis.mergeShards(r -> r.streamName(stream).shardToMerge("shardId-000000000003").adjacentShardToMerge("shardId-000000000001"));
        server.awaitUpdate(stream);
        KinesisApiContract.sleep(300);
        kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(4).scalingType(ScalingType.UNIFORM_SCALING));
        server.awaitUpdate(stream);
        KinesisApiContract.sleep(300);
        stop.set(true);
        for (Future<?> writer : running) {
            writer.get();
        }
        writers.shutdown();

        Map<String, Shard> shards = shards(stream);
        assertThat(shards.size()).isGreaterThan(5);
        Map<String, List<Long>> byKey = new HashMap<>();
        for (String shardId : lineageOrder(shards)) {
            for (Record record : readShard(stream, shardId)) {
                String[] parts = record.data().asUtf8String().split(":");
                byKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
            }
        }
        assertThat(byKey.keySet()).isEqualTo(acknowledged.keySet());
        for (Map.Entry<String, List<Long>> key : byKey.entrySet()) {
            List<Long> values = key.getValue();
            for (int i = 0; i < values.size(); i++) {
                assertThat(values.get(i)).as("record %d of %s, read parents before children", i, key.getKey()).isEqualTo(i);
            }
            assertThat(values.get(values.size() - 1)).isGreaterThanOrEqualTo(acknowledged.get(key.getKey()));
        }
    }

    /** Shards ordered so that every parent comes before its children. */
    private static List<String> lineageOrder(Map<String, Shard> shards) {
        List<String> order = new ArrayList<>();
        while (order.size() < shards.size()) {
            for (Shard shard : shards.values()) {
                boolean parentsDone = (shard.parentShardId() == null || order.contains(shard.parentShardId())
                        || !shards.containsKey(shard.parentShardId()))
                        && (shard.adjacentParentShardId() == null || order.contains(shard.adjacentParentShardId()));
                if (!order.contains(shard.shardId()) && parentsDone) {
                    order.add(shard.shardId());
                }
            }
        }
        return order;
    }

    private static List<Record> readShard(String stream, String shardId) {
        List<Record> records = new ArrayList<>();
        String it = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        while (it != null) {
            String current = it;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            records.addAll(page.records());
            if (page.nextShardIterator() != null && page.records().isEmpty()) {
                break; // an open shard, read to its end
            }
            it = page.nextShardIterator();
        }
        return records;
    }
}
