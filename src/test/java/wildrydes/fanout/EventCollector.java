package wildrydes.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/** One SubscribeToShard through the async SDK: its events in a queue, and how it ended. */
final class EventCollector {
    final BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    final CompletableFuture<SubscribeToShardResponse> initialResponse = new CompletableFuture<>();
    /** Completes when the event stream completes, exceptionally when it fails. */
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    final CompletableFuture<Void> call;
    private volatile Subscription subscription;

    private EventCollector(KinesisAsyncClient client, String consumerArn, String shardId, StartingPosition start) {
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onResponse(initialResponse::complete)
                .onError(ended::completeExceptionally)
                .onEventStream(publisher -> publisher.subscribe(new Subscriber<SubscribeToShardEventStream>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        subscription = s;
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(SubscribeToShardEventStream event) {
                        if (event instanceof SubscribeToShardEvent e) {
                            if (firstRecordSequenceNumber == null && !e.records().isEmpty()) {
                                firstRecordSequenceNumber = e.records().getFirst().sequenceNumber();
                            }
                            events.add(e);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                        ended.complete(null);
                    }
                }))
                .build();
        call = client.subscribeToShard(r -> r.consumerARN(consumerArn).shardId(shardId).startingPosition(start), handler);
        call.whenComplete((v, failure) -> {
            if (failure != null) {
                ended.completeExceptionally(failure);
            }
        });
    }

    static EventCollector subscribe(KinesisAsyncClient client, String consumerArn, String shardId, StartingPosition start) {
        return new EventCollector(client, consumerArn, shardId, start);
    }

    /** Waits for the next event. */
    SubscribeToShardEvent next(Duration timeout) throws InterruptedException {
        SubscribeToShardEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within %s (stream ended: %s)", timeout, ended).isNotNull();
        return event;
    }

    /** Collects events until they hold {@code count} records; returns the records and leaves the last event in {@code last}. */
    List<Record> records(int count, Duration timeout) throws InterruptedException {
        List<Record> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("%d records within %s; got %d", count, timeout, records.size()).isPositive();
            SubscribeToShardEvent event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null) {
                records.addAll(event.records());
                last = event;
            }
        }
        return records;
    }

    volatile SubscribeToShardEvent last;
    volatile String firstRecordSequenceNumber;

    /** Stops reading: the SDK resets the HTTP/2 stream. */
    void cancel() {
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        call.cancel(true);
    }
}
