package wildrydes.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import wildrydes.server.TlsSettings;
import wildrydes.stream.SubscriptionTiming;
import wildrydes.testing.ServerFixture;

/**
 * Enhanced fan-out through the AWS SDK for Java v2 async client (Netty, HTTP/2, CBOR: the SDK's
 * defaults, as the Kinesis Client Library uses them) over h2c on the plain port.
 */
class FanOutSdkTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SHARD0 = "shardId-000000000000";

    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory(config -> config.withStateChangeMillis(100))
            .withTls(TlsSettings.selfSigned(0));
    static KinesisAsyncClient kinesis;
    static int streams;

    @BeforeAll
    static void start() {
        kinesis = AsyncClients.h2c(server.endpoint());
    }

    @AfterAll
    static void stop() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @AfterEach
    void defaultTiming() {
        server.streams().consumers().timing(SubscriptionTiming.AWS);
    }

    // ------------------------------------------------------------------ consumers

    @Test
    void aRegisteredConsumerGoesFromCreatingToActiveAndIsCountedListedAndDescribed() throws Exception {
        String stream = newStream(1);
        String streamArn = streamArn(stream);
        long before = Instant.now().getEpochSecond();

        Consumer consumer = join(kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("fleet-dashboard")))
                .consumer();

        assertThat(consumer.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(consumer.consumerARN()).matches(streamArn.replace(".", "\\.") + "/consumer/fleet-dashboard:\\d+");
        long seconds = Long.parseLong(consumer.consumerARN().substring(consumer.consumerARN().lastIndexOf(':') + 1));
        assertThat(seconds).isBetween(before, Instant.now().getEpochSecond());
        ConsumerDescription active = awaitActive(consumer.consumerARN());
        assertThat(active.streamARN()).isEqualTo(streamArn);
        assertThat(active.consumerName()).isEqualTo("fleet-dashboard");
        ConsumerDescription byName = join(kinesis.describeStreamConsumer(r -> r.streamARN(streamArn)
                .consumerName("fleet-dashboard"))).consumerDescription();
        assertThat(byName.consumerARN()).isEqualTo(consumer.consumerARN());
        assertThat(byName.consumerCreationTimestamp()).isEqualTo(consumer.consumerCreationTimestamp());
        assertThat(join(kinesis.describeStreamSummary(r -> r.streamName(stream))).streamDescriptionSummary().consumerCount())
                .isEqualTo(1);
        assertThatThrownBy(() -> join(kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("fleet-dashboard"))))
                .isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void consumersAreListedInPagesAndAStreamTakesAtMostTwenty() throws Exception {
        String streamArn = streamArn(newStream(1));
        for (int i = 0; i < 20; i++) {
            String name = String.format("reader-%02d", i);
            join(kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(name)));
        }

        assertThatThrownBy(() -> join(kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("one-too-many"))))
                .isInstanceOf(LimitExceededException.class);
        List<String> names = new ArrayList<>();
        ListStreamConsumersResponse page = join(kinesis.listStreamConsumers(r -> r.streamARN(streamArn).maxResults(7)));
        int pages = 1;
        page.consumers().forEach(c -> names.add(c.consumerName()));
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = join(kinesis.listStreamConsumers(r -> r.streamARN(streamArn).nextToken(token).maxResults(7)));
            page.consumers().forEach(c -> names.add(c.consumerName()));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(20).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void deregisteringEndsItsSubscriptionAndTheConsumerIsDeletingThenGone() throws Exception {
        String stream = newStream(1);
        String arn = activeConsumer(stream, "short-lived");
        EventCollector subscription = EventCollector.subscribe(kinesis, arn, SHARD0, latest());
        subscription.next(WAIT);

        join(kinesis.deregisterStreamConsumer(r -> r.consumerARN(arn)));

        assertThatThrownBy(() -> subscription.ended.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ResourceNotFoundException.class);
        ConsumerStatus status = join(kinesis.describeStreamConsumer(r -> r.consumerARN(arn))).consumerDescription().consumerStatus();
        assertThat(status).isEqualTo(ConsumerStatus.DELETING);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && server.streams().consumers().exists(arn)) {
            Thread.sleep(20);
        }
        assertThatThrownBy(() -> join(kinesis.describeStreamConsumer(r -> r.consumerARN(arn))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteStreamWithConsumersNeedsEnforceConsumerDeletion() throws Exception {
        String stream = newStream(1);
        String arn = activeConsumer(stream, "keeps-it-alive");

        assertThatThrownBy(() -> join(kinesis.deleteStream(r -> r.streamName(stream))))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("EnforceConsumerDeletion");
        join(kinesis.deleteStream(r -> r.streamName(stream).enforceConsumerDeletion(true)));

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && server.streams().consumers().exists(arn)) {
            Thread.sleep(20);
        }
        assertThat(server.streams().consumers().exists(arn)).isFalse();
    }

    // ------------------------------------------------------------------ SubscribeToShard

    @Test
    void recordsWrittenBeforeAndAfterSubscribingArePushedInOrder() throws Exception {
        String stream = newStream(1);
        String arn = activeConsumer(stream, "pushed");
        List<String> before = put(stream, "before", 3);

        EventCollector subscription = EventCollector.subscribe(kinesis, arn, SHARD0, trimHorizon());
        assertThat(subscription.initialResponse.get(10, TimeUnit.SECONDS)).isNotNull();
        List<Record> first = subscription.records(3, WAIT);
        List<String> after = put(stream, "after", 4);
        List<Record> second = subscription.records(4, WAIT);

        assertThat(sequenceNumbers(first)).isEqualTo(before);
        assertThat(sequenceNumbers(second)).isEqualTo(after);
        assertThat(second.getFirst().data().asUtf8String()).isEqualTo("after-0");
        assertThat(second.getFirst().partitionKey()).isEqualTo("after");
        assertThat(second.getFirst().approximateArrivalTimestamp()).isBetween(Instant.now().minusSeconds(30), Instant.now());
        SubscribeToShardEvent last = subscription.last;
        assertThat(last.continuationSequenceNumber()).isEqualTo(after.getLast());
        assertThat(last.millisBehindLatest()).isZero();
        subscription.cancel();
    }

    @Test
    void everyStartingPositionStartsWhereGetShardIteratorWould() throws Exception {
        String stream = newStream(1);
        List<String> written = put(stream, "p", 4);
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        List<String> later = put(stream, "q", 2);

        assertThat(firstSequence(stream, "at-seq", StartingPosition.builder().type(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(written.get(1)).build())).isEqualTo(written.get(1));
        assertThat(firstSequence(stream, "after-seq", StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .sequenceNumber(written.get(1)).build())).isEqualTo(written.get(2));
        assertThat(firstSequence(stream, "horizon", trimHorizon())).isEqualTo(written.getFirst());
        assertThat(firstSequence(stream, "at-time", StartingPosition.builder().type(ShardIteratorType.AT_TIMESTAMP)
                .timestamp(between).build())).isEqualTo(later.getFirst());
        String latestArn = activeConsumer(stream, "latest");
        EventCollector latest = EventCollector.subscribe(kinesis, latestArn, SHARD0, latest());
        SubscribeToShardEvent idle = latest.next(WAIT);
        assertThat(idle.records()).isEmpty();
        assertThat(idle.continuationSequenceNumber()).isEqualTo(later.getLast());
        List<String> newest = put(stream, "r", 1);
        assertThat(sequenceNumbers(latest.records(1, WAIT))).isEqualTo(newest);
        latest.cancel();
    }

    @Test
    void resubscribingAfterTheContinuationSequenceNumberMissesNothingAndRepeatsNothing() throws Exception {
        server.streams().consumers().timing(new SubscriptionTiming(Duration.ofMillis(1500), Duration.ofMillis(300)));
        String stream = newStream(1);
        String arn = activeConsumer(stream, "renewing");
        List<String> written = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 150; i++) {
                written.add(join(kinesis.putRecord(r -> r.streamName(stream).partitionKey("k")
                        .data(SdkBytes.fromUtf8String("n")))).sequenceNumber());
                sleep(25);
            }
        });

        List<String> received = new ArrayList<>();
        StartingPosition position = trimHorizon();
        int subscriptions = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((!writer.isDone() || received.size() < written.size()) && System.nanoTime() < deadline) {
            EventCollector subscription = EventCollector.subscribe(kinesis, arn, SHARD0, position);
            subscriptions++;
            subscription.ended.get(10, TimeUnit.SECONDS); // ends by itself after its lifetime
            String continuation = null;
            for (SubscribeToShardEvent event : subscription.events) {
                received.addAll(sequenceNumbers(event.records()));
                continuation = event.continuationSequenceNumber();
            }
            assertThat(continuation).as("every subscription sends at least one event").isNotNull();
            position = StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(continuation).build();
        }
        writer.get(10, TimeUnit.SECONDS);

        assertThat(subscriptions).isGreaterThanOrEqualTo(3);
        assertThat(received).isEqualTo(written);
    }

    @Test
    void anIdleSubscriptionSendsEmptyEventsThatSayWhereItIs() throws Exception {
        server.streams().consumers().timing(new SubscriptionTiming(Duration.ofMinutes(1), Duration.ofMillis(200)));
        String stream = newStream(1);
        String arn = activeConsumer(stream, "idle");

        EventCollector subscription = EventCollector.subscribe(kinesis, arn, SHARD0, trimHorizon());
        SubscribeToShardEvent empty = subscription.next(WAIT);
        SubscribeToShardEvent heartbeat = subscription.next(WAIT);
        List<String> written = put(stream, "k", 1);
        List<Record> records = subscription.records(1, WAIT);
        SubscribeToShardEvent afterRecord = subscription.last;
        SubscribeToShardEvent laterHeartbeat = subscription.next(WAIT);
        subscription.cancel();

        assertThat(empty.records()).isEmpty();
        assertThat(heartbeat.records()).isEmpty();
        assertThat(heartbeat.continuationSequenceNumber()).isEqualTo(empty.continuationSequenceNumber()).isNotNull();
        assertThat(sequenceNumbers(records)).isEqualTo(written);
        assertThat(afterRecord.continuationSequenceNumber()).isEqualTo(written.getFirst());
        assertThat(laterHeartbeat.records()).isEmpty();
        assertThat(laterHeartbeat.continuationSequenceNumber()).isEqualTo(written.getFirst());
        // the continuation of an empty shard, used AFTER, still starts at the first record
        String other = activeConsumer(stream, "from-start");
        EventCollector fromStart = EventCollector.subscribe(kinesis, other, SHARD0, StartingPosition.builder()
                .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(empty.continuationSequenceNumber()).build());
        assertThat(sequenceNumbers(fromStart.records(1, WAIT))).isEqualTo(written);
        fromStart.cancel();
    }

    @Test
    void aSecondSubscriptionWithinFiveSecondsIsRefusedAndALaterOneTakesOver() throws Exception {
        String stream = newStream(1);
        String arn = activeConsumer(stream, "contended");
        EventCollector first = EventCollector.subscribe(kinesis, arn, SHARD0, latest());
        first.next(WAIT);
        long firstStarted = System.nanoTime();

        EventCollector refused = EventCollector.subscribe(kinesis, arn, SHARD0, latest());
        assertThatThrownBy(() -> refused.ended.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ResourceInUseException.class);
        assertThat(first.ended).isNotDone();

        Thread.sleep(Math.max(0, 5_100 - (System.nanoTime() - firstStarted) / 1_000_000));
        EventCollector second = EventCollector.subscribe(kinesis, arn, SHARD0, latest());
        second.next(WAIT);
        assertThatThrownBy(() -> first.ended.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ResourceInUseException.class);
        List<String> written = put(stream, "k", 2);
        assertThat(sequenceNumbers(second.records(2, WAIT))).isEqualTo(written);
        second.cancel();
    }

    @Test
    void theLastEventOfAClosedShardHasNoContinuationAndNamesItsChildren() throws Exception {
        String stream = newStream(1);
        String arn = activeConsumer(stream, "follows-reshard");
        List<String> written = put(stream, "k", 3);
        EventCollector subscription = EventCollector.subscribe(kinesis, arn, SHARD0, trimHorizon());
        subscription.records(3, WAIT);

        join(kinesis.splitShard(r -> r.streamName(stream).shardToSplit(SHARD0)
                .newStartingHashKey("170141183460469231731687303715884105728")));

        subscription.ended.get(10, TimeUnit.SECONDS);
        List<SubscribeToShardEvent> rest = new ArrayList<>(subscription.events);
        SubscribeToShardEvent last = rest.getLast();
        assertThat(last.continuationSequenceNumber()).isNull();
        assertThat(last.childShards()).extracting(c -> c.shardId())
                .containsExactlyInAnyOrder("shardId-000000000001", "shardId-000000000002");
        assertThat(last.childShards()).allSatisfy(c -> assertThat(c.parentShards()).containsExactly(SHARD0));
        for (SubscribeToShardEvent event : rest.subList(0, rest.size() - 1)) {
            assertThat(event.continuationSequenceNumber()).isNotNull();
            assertThat(event.childShards()).isEmpty();
        }
        assertThat(written).hasSize(3);
    }

    // ------------------------------------------------------------------ helpers

    static String newStream(int shards) throws Exception {
        String name = "fanout-" + (++streams) + "-" + System.nanoTime() % 100_000;
        join(kinesis.createStream(r -> r.streamName(name).shardCount(shards)));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (join(kinesis.describeStreamSummary(r -> r.streamName(name))).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("stream %s ACTIVE", name).isLessThan(deadline);
            Thread.sleep(20);
        }
        return name;
    }

    static String streamArn(String stream) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    }

    static String activeConsumer(String stream, String name) throws Exception {
        String arn = join(kinesis.registerStreamConsumer(r -> r.streamARN(streamArn(stream)).consumerName(name)))
                .consumer().consumerARN();
        awaitActive(arn);
        return arn;
    }

    static ConsumerDescription awaitActive(String arn) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ConsumerDescription description = join(kinesis.describeStreamConsumer(r -> r.consumerARN(arn))).consumerDescription();
            if (description.consumerStatus() == ConsumerStatus.ACTIVE) {
                return description;
            }
            assertThat(description.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
            assertThat(System.nanoTime()).as("consumer %s ACTIVE", arn).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String firstSequence(String stream, String consumer, StartingPosition position) throws Exception {
        EventCollector subscription = EventCollector.subscribe(kinesis, activeConsumer(stream, consumer), SHARD0, position);
        String first = subscription.records(1, WAIT).getFirst().sequenceNumber();
        subscription.cancel();
        return first;
    }

    static List<String> put(String stream, String key, int count) {
        List<String> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String data = key + "-" + i;
            PutRecordResponse put = join(kinesis.putRecord(r -> r.streamName(stream).partitionKey(key)
                    .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))));
            sequenceNumbers.add(put.sequenceNumber());
        }
        return sequenceNumbers;
    }

    static List<String> sequenceNumbers(List<Record> records) {
        return records.stream().map(Record::sequenceNumber).toList();
    }

    static StartingPosition trimHorizon() {
        return StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build();
    }

    static StartingPosition latest() {
        return StartingPosition.builder().type(ShardIteratorType.LATEST).build();
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
