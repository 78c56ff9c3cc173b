package wildrydes.lab.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.tail.StartPosition;

/**
 * The consumer across a reshard. The server gains SplitShard with the resharding issue; until
 * then this drives the consumer against a scripted Kinesis that splits a shard while it is
 * being read, answering as AWS does (the closed parent's last page has a null iterator and the
 * child shards).
 */
class ConsumerFollowsReshardingTest {

    /** A one-stream Kinesis whose shard 0 is split into shards 1 and 2 when asked. */
    static final class ScriptedKinesis implements KinesisClient {
        final Map<String, List<String>> data = new LinkedHashMap<>();
        final Map<String, String> parents = new LinkedHashMap<>();
        final Map<String, Boolean> closed = new LinkedHashMap<>();

        ScriptedKinesis() {
            shard("shardId-000000000000", null);
        }

        synchronized void shard(String id, String parent) {
            data.put(id, new ArrayList<>());
            parents.put(id, parent);
            closed.put(id, false);
        }

        synchronized void put(String shardId, String value) {
            data.get(shardId).add(value);
        }

        synchronized void split() {
            closed.put("shardId-000000000000", true);
            shard("shardId-000000000001", "shardId-000000000000");
            shard("shardId-000000000002", "shardId-000000000000");
        }

        @Override
        public synchronized ListShardsResponse listShards(ListShardsRequest request) {
            List<Shard> shards = new ArrayList<>();
            for (String id : data.keySet()) {
                shards.add(Shard.builder().shardId(id).parentShardId(parents.get(id))
                        .sequenceNumberRange(r -> r.startingSequenceNumber("0")
                                .endingSequenceNumber(closed.get(id) ? String.valueOf(data.get(id).size() - 1) : null))
                        .build());
            }
            return ListShardsResponse.builder().shards(shards).build();
        }

        @Override
        public synchronized GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            int position = switch (request.shardIteratorType()) {
                case TRIM_HORIZON -> 0;
                case LATEST -> data.get(request.shardId()).size();
                default -> throw new AssertionError("unexpected iterator type " + request.shardIteratorType());
            };
            return GetShardIteratorResponse.builder().shardIterator(request.shardId() + "@" + position).build();
        }

        @Override
        public synchronized GetRecordsResponse getRecords(GetRecordsRequest request) {
            String shardId = request.shardIterator().split("@")[0];
            int position = Integer.parseInt(request.shardIterator().split("@")[1]);
            List<String> values = data.get(shardId);
            List<Record> records = new ArrayList<>();
            for (int i = position; i < values.size(); i++) {
                records.add(Record.builder().sequenceNumber(String.valueOf(i)).partitionKey("k")
                        .approximateArrivalTimestamp(Instant.now()).data(SdkBytes.fromUtf8String(values.get(i))).build());
            }
            GetRecordsResponse.Builder response = GetRecordsResponse.builder().records(records).millisBehindLatest(0L);
            if (closed.get(shardId)) {
                List<ChildShard> children = new ArrayList<>();
                parents.forEach((child, parent) -> {
                    if (shardId.equals(parent)) {
                        children.add(ChildShard.builder().shardId(child).parentShards(parent).build());
                    }
                });
                return response.nextShardIterator(null).childShards(children).build();
            }
            return response.nextShardIterator(shardId + "@" + values.size()).build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
        }
    }

    private static List<String> consume(ScriptedKinesis kinesis, StartPosition from, int max, Consumer<Integer> onPrinted)
            throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8) {
            private int lines;

            @Override
            public void println(String line) {
                super.println(line);
                onPrinted.accept(++lines);
            }
        };
        wildrydes.lab.consumer.Consumer consumer = new wildrydes.lab.consumer.Consumer(kinesis,
                new KinesisEndpoint(java.net.URI.create("http://127.0.0.1:1"), Region.US_EAST_1, false),
                new wildrydes.lab.consumer.Consumer.Settings("s", from, max, Duration.ofSeconds(15),
                        new RecordFormatter(OutputFormat.LINE, false), false),
                printer, new PrintStream(new ByteArrayOutputStream()));
        Thread reader = new Thread(() -> consumer.run(new AtomicBoolean()));
        reader.start();
        reader.join(Duration.ofSeconds(30));
        assertThat(reader.isAlive()).as("consumer finished").isFalse();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void movesOnToTheChildrenWhenTheShardItReadsIsSplit() throws Exception {
        ScriptedKinesis kinesis = new ScriptedKinesis();
        kinesis.put("shardId-000000000000", "\"before-1\"");
        kinesis.put("shardId-000000000000", "\"before-2\"");
        List<String> lines = consume(kinesis, new StartPosition(ShardIteratorType.TRIM_HORIZON, null, null), 5, printed -> {
            if (printed == 2) { // the reader has seen the parent's records: split now, as a reshard would
                kinesis.put("shardId-000000000000", "\"last-of-parent\"");
                kinesis.split();
                kinesis.put("shardId-000000000001", "\"left-child\"");
                kinesis.put("shardId-000000000002", "\"right-child\"");
            }
        });
        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 3)).containsExactly("\"before-1\"", "\"before-2\"", "\"last-of-parent\"");
        assertThat(lines.subList(3, 5)).containsExactlyInAnyOrder("\"left-child\"", "\"right-child\"");
    }

    @Test
    void readsChildrenOnlyAfterTheirParentFromTrimHorizon() throws Exception {
        ScriptedKinesis kinesis = new ScriptedKinesis();
        kinesis.put("shardId-000000000000", "\"p1\"");
        kinesis.split();
        kinesis.put("shardId-000000000001", "\"c1\"");
        kinesis.put("shardId-000000000002", "\"c2\"");
        List<String> lines = consume(kinesis, new StartPosition(ShardIteratorType.TRIM_HORIZON, null, null), 3, printed -> { });
        assertThat(lines.get(0)).isEqualTo("\"p1\"");
        assertThat(lines.subList(1, 3)).containsExactlyInAnyOrder("\"c1\"", "\"c2\"");
    }

    @Test
    void fromLatestSkipsClosedShardsAndTailsTheOpenOnes() throws Exception {
        ScriptedKinesis kinesis = new ScriptedKinesis();
        kinesis.put("shardId-000000000000", "\"old\"");
        kinesis.split();
        kinesis.put("shardId-000000000001", "\"old-child\"");
        Thread writer = new Thread(() -> {
            Explain.sleep(1_000);
            kinesis.put("shardId-000000000002", "\"new\"");
        });
        writer.start();
        List<String> lines = consume(kinesis, new StartPosition(ShardIteratorType.LATEST, null, null), 1, printed -> { });
        writer.join();
        assertThat(lines).containsExactly("\"new\"");
    }
}
