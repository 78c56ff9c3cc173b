package wildrydes.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import wildrydes.protocol.eventstream.EventStreamMessage;
import wildrydes.testing.ServerFixture;

/** SubscribeToShard over plain HTTP/1.1 (chunked), in JSON and CBOR, and what a subscriber that never reads costs. */
class EventStreamOverHttp11Test {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHARD0 = "shardId-000000000000";

    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory();
    static KinesisAsyncClient kinesis;

    @BeforeAll
    static void start() throws Exception {
        kinesis = AsyncClients.h2c(server.endpoint());
    }

    @AfterAll
    static void stop() {
        kinesis.close();
    }

    @Test
    void aJsonSubscriptionAnswersWithAnInitialResponseThenJsonEvents() throws Exception {
        String stream = stream("json-events");
        String consumer = consumer(stream, "json");
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("Shadowfax").data(SdkBytes.fromUtf8String("hello")))
                .get(10, TimeUnit.SECONDS);

        try (RawEventStream events = RawEventStream.open(server.port(), "application/x-amz-json-1.1",
                subscribeJson(consumer, "TRIM_HORIZON"), 0).readHead()) {
            assertThat(events.status).isEqualTo(200);
            assertThat(events.headers.get("content-type")).isEqualTo("application/vnd.amazon.eventstream");
            assertThat(events.headers.get("transfer-encoding")).isEqualTo("chunked");
            assertThat(events.headers.get("x-amzn-requestid")).isNotBlank();
            EventStreamMessage initial = events.next();
            assertThat(initial.stringHeader(":message-type")).isEqualTo("event");
            assertThat(initial.stringHeader(":event-type")).isEqualTo("initial-response");
            assertThat(new String(initial.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
            EventStreamMessage first = events.next();
            assertThat(first.stringHeader(":event-type")).isEqualTo("SubscribeToShardEvent");
            assertThat(first.stringHeader(":content-type")).isEqualTo("application/x-amz-json-1.1");
            JsonNode event = JSON.readTree(first.payload());
            JsonNode record = event.get("Records").get(0);
            assertThat(Base64.getDecoder().decode(record.get("Data").textValue())).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(record.get("PartitionKey").textValue()).isEqualTo("Shadowfax");
            assertThat(record.get("ApproximateArrivalTimestamp").isNumber()).isTrue();
            assertThat(record.get("ApproximateArrivalTimestamp").asDouble()).isGreaterThan(1.7e9);
            assertThat(event.get("ContinuationSequenceNumber").textValue()).isEqualTo(record.get("SequenceNumber").textValue());
            assertThat(event.get("MillisBehindLatest").asLong()).isZero();
            assertThat(event.has("ChildShards")).isFalse();
        }
    }

    @Test
    void aCborSubscriptionWritesTimestampsAsTaggedEpochMillis() throws Exception {
        String stream = stream("cbor-events");
        String consumer = consumer(stream, "cbor");
        kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("x"))).get(10, TimeUnit.SECONDS);
        byte[] request = new ObjectMapper(new CBORFactory()).writeValueAsBytes(JSON.readTree(subscribeJson(consumer, "TRIM_HORIZON")));

        try (RawEventStream events = RawEventStream.open(server.port(), "application/x-amz-cbor-1.1", request, 0).readHead()) {
            assertThat(events.next().stringHeader(":event-type")).isEqualTo("initial-response");
            EventStreamMessage first = events.next();
            assertThat(first.stringHeader(":content-type")).isEqualTo("application/x-amz-cbor-1.1");
            try (CBORParser parser = new CBORFactory().createParser(first.payload())) {
                boolean sawTimestamp = false;
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.FIELD_NAME && parser.currentName().equals("ApproximateArrivalTimestamp")) {
                        assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
                        assertThat(parser.getCurrentTag()).isEqualTo(1);
                        assertThat(parser.getNumberType()).isIn(JsonParser.NumberType.INT, JsonParser.NumberType.LONG);
                        assertThat(parser.getLongValue()).isGreaterThan(1_700_000_000_000L);
                        sawTimestamp = true;
                    }
                }
                assertThat(sawTimestamp).isTrue();
            }
        }
    }

    @Test
    void aSubscriptionForAnUnknownConsumerIsAnOrdinaryError() throws Exception {
        String stream = stream("no-consumer");
        String unknown = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream + "/consumer/nobody:1700000000";

        try (RawEventStream response = RawEventStream.open(server.port(), "application/x-amz-json-1.1",
                subscribeJson(unknown, "LATEST"), 0).readHead()) {
            assertThat(response.status).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("__type").textValue()).isEqualTo("ResourceNotFoundException");
        }
    }

    @Test
    void aSubscriberThatNeverReadsStallsNeitherWritersNorOtherSubscribersNorServerMemory() throws Exception {
        String stream = stream("slow-reader");
        String slow = consumer(stream, "slow");
        String fast = consumer(stream, "fast");
        int batches = 32;
        int perBatch = 500;
        byte[] payload = new byte[1024];
        java.util.Arrays.fill(payload, (byte) 'w');

        try (RawEventStream stalled = RawEventStream.open(server.port(), "application/x-amz-json-1.1",
                subscribeJson(slow, "TRIM_HORIZON"), 4096)) {
            EventCollector reader = EventCollector.subscribe(kinesis, fast, SHARD0,
                    StartingPosition.builder().type("TRIM_HORIZON").build());
            AtomicLong maxQueued = new AtomicLong();
            CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 600 && !Thread.currentThread().isInterrupted(); i++) {
                    maxQueued.accumulateAndGet(server.server().eventStreamQueuedBytes(), Math::max);
                    FanOutSdkTest.sleep(50);
                }
            });
            long started = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < perBatch; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(payload)).build());
                }
                PutRecordsResponse put = kinesis.putRecords(r -> r.streamName(stream).records(entries)).get(10, TimeUnit.SECONDS);
                assertThat(put.failedRecordCount()).isZero();
            }
            Duration writing = Duration.ofNanos(System.nanoTime() - started);
            int received = reader.records(batches * perBatch, Duration.ofSeconds(60)).size();
            maxQueued.accumulateAndGet(server.server().eventStreamQueuedBytes(), Math::max);
            watcher.cancel(true);

            assertThat(writing).as("writing %d MiB", batches * perBatch / 1024).isLessThan(Duration.ofSeconds(30));
            assertThat(received).isEqualTo(batches * perBatch);
            assertThat(maxQueued.get()).as("bytes queued for subscribers (%d MiB were written)", batches * perBatch / 1024)
                    .isLessThan(8L * 1024 * 1024);
            // the stalled subscriber is still served, from where it stopped
            stalled.socket.setSoTimeout(10_000);
            assertThat(stalled.readHead().status).isEqualTo(200);
            assertThat(stalled.next().stringHeader(":event-type")).isEqualTo("initial-response");
            JsonNode event = JSON.readTree(stalled.next().payload());
            if (event.get("Records").isEmpty()) { // the event that said where it started, before any record
                event = JSON.readTree(stalled.next().payload());
            }
            assertThat(event.get("Records").get(0).get("SequenceNumber").textValue())
                    .isEqualTo(reader.firstRecordSequenceNumber);
            reader.cancel();
        }
    }

    // ------------------------------------------------------------------ helpers

    static String stream(String name) throws Exception {
        FanOutSdkTest.kinesis = kinesis;
        kinesis.createStream(r -> r.streamName(name).shardCount(1)).get(10, TimeUnit.SECONDS);
        return name;
    }

    static String consumer(String stream, String name) throws Exception {
        return kinesis.registerStreamConsumer(r -> r.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/" + stream)
                .consumerName(name)).get(10, TimeUnit.SECONDS).consumer().consumerARN();
    }

    static byte[] subscribeJson(String consumerArn, String type) {
        return ("{\"ConsumerARN\":\"" + consumerArn + "\",\"ShardId\":\"" + SHARD0 + "\",\"StartingPosition\":{\"Type\":\""
                + type + "\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
