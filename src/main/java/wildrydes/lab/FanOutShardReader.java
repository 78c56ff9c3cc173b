package wildrydes.lab;

import java.math.BigInteger;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import wildrydes.lab.common.LabException;

/**
 * Reads one shard with SubscribeToShard until the shard ends or the consumer stops. A
 * subscription lasts 5 minutes; each next one starts AFTER the last ContinuationSequenceNumber,
 * so nothing is skipped, and records at or below the last one printed are never printed again.
 */
final class FanOutShardReader {
    /** Failed subscriptions in a row before the reader gives up. */
    static final int MAX_FAILURES = 10;
    private static final long LAG_REPORT_NANOS = 5_000_000_000L;

    private final KinesisAsyncClient kinesis;
    private final String consumerArn;
    private final Consumer consumer;
    private final String shardId;
    private final StartPosition start;
    private final AtomicBoolean stop;
    private String continuation;
    private BigInteger lastPrinted;
    private boolean shardEnded;
    private long lastLagReport;

    FanOutShardReader(KinesisAsyncClient kinesis, String consumerArn, Consumer consumer, String shardId, StartPosition start,
                      AtomicBoolean stop) {
        this.kinesis = kinesis;
        this.consumerArn = consumerArn;
        this.consumer = consumer;
        this.shardId = shardId;
        this.start = start;
        this.stop = stop;
    }

    void run() {
        StartingPosition position = initialPosition();
        int failures = 0;
        while (!stop.get() && !shardEnded) {
            Throwable failure = subscribeOnce(position);
            if (continuation != null) {
                position = StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(continuation).build();
            }
            if (failure == null) {
                failures = 0; // the subscription ran its 5 minutes (or the shard ended): renew it
                continue;
            }
            if (failure instanceof InvalidArgumentException && continuation == null
                    && start.type() == ShardIteratorType.AT_SEQUENCE_NUMBER) {
                position = StartingPosition.builder().type(ShardIteratorType.LATEST).build(); // the number is another shard's
                continue;
            }
            if (failure instanceof ResourceNotFoundException) {
                throw new LabException("Shard " + shardId + " or consumer " + consumerArn + " no longer exists: "
                        + failure.getMessage());
            }
            if (!(failure instanceof ResourceInUseException) && ++failures > MAX_FAILURES) {
                throw new LabException("SubscribeToShard on " + shardId + " failed " + MAX_FAILURES + " times in a row; last: "
                        + failure);
            }
            if (!(failure instanceof ResourceInUseException)) {
                consumer.warn(shardId + ": subscription failed, subscribing again: " + failure.getMessage());
            }
            Consumer.sleep(Math.min(5_000, 500L << Math.min(failures, 4))); // another reader holds it for up to 5 s
        }
    }

    private StartingPosition initialPosition() {
        StartingPosition.Builder position = StartingPosition.builder().type(start.type());
        if (start.type() == ShardIteratorType.AT_SEQUENCE_NUMBER) {
            position.sequenceNumber(start.sequenceNumber());
        } else if (start.type() == ShardIteratorType.AT_TIMESTAMP) {
            position.timestamp(start.timestamp());
        }
        return position.build();
    }

    /** One subscription, until it completes (null), fails (the cause) or the consumer stops (null). */
    private Throwable subscribeOnce(StartingPosition position) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Subscription[] held = new Subscription[1];
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onError(ended::completeExceptionally)
                .onEventStream(publisher -> publisher.subscribe(new Subscriber<SubscribeToShardEventStream>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        held[0] = s;
                        s.request(1);
                    }

                    @Override
                    public void onNext(SubscribeToShardEventStream event) {
                        if (event instanceof SubscribeToShardEvent e && !handle(e)) {
                            held[0].cancel();
                            ended.complete(null);
                            return;
                        }
                        held[0].request(1); // one at a time: a slow terminal slows only this subscription
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
        CompletableFuture<Void> call = kinesis.subscribeToShard(r -> r.consumerARN(consumerArn).shardId(shardId)
                .startingPosition(position), handler);
        call.whenComplete((v, failure) -> {
            if (failure != null) {
                ended.completeExceptionally(failure);
            }
        });
        while (!stop.get()) {
            try {
                ended.get(200, TimeUnit.MILLISECONDS);
                return null;
            } catch (TimeoutException stillRunning) {
                // check the stop flag again
            } catch (ExecutionException e) {
                return rootCause(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
            }
        }
        if (held[0] != null) {
            held[0].cancel();
        }
        call.cancel(true);
        return null;
    }

    /** Prints the event's records; false once the consumer wants no more. */
    private boolean handle(SubscribeToShardEvent event) {
        for (Record record : event.records()) {
            BigInteger sequence = new BigInteger(record.sequenceNumber());
            if (lastPrinted != null && sequence.compareTo(lastPrinted) <= 0) {
                continue;
            }
            String text = consumer.settings().formatter().format(shardId, record.sequenceNumber(), record.partitionKey(),
                    record.approximateArrivalTimestamp() == null ? Instant.EPOCH : record.approximateArrivalTimestamp(),
                    record.data().asByteArrayUnsafe());
            if (!consumer.print(text)) {
                stop.set(true);
                return false;
            }
            lastPrinted = sequence;
        }
        continuation = event.continuationSequenceNumber();
        shardEnded = continuation == null;
        reportLag(event.millisBehindLatest());
        return !shardEnded && !stop.get();
    }

    private void reportLag(Long millisBehind) {
        long now = System.nanoTime();
        if (millisBehind != null && now - lastLagReport > LAG_REPORT_NANOS) {
            lastLagReport = now;
            consumer.reportLag(shardId, millisBehind);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; depth < 10 && cause.getCause() != null
                && !(cause instanceof software.amazon.awssdk.services.kinesis.model.KinesisException); depth++) {
            cause = cause.getCause();
        }
        return cause;
    }
}
