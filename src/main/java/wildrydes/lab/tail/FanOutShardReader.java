package wildrydes.lab.tail;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import wildrydes.lab.common.LabException;

/**
 * Reads one shard with SubscribeToShard until the shard ends or the tail stops. A subscription
 * lasts 5 minutes; each next one starts AFTER the last ContinuationSequenceNumber, so nothing is
 * skipped, and records already delivered are never delivered again. Events are handed from the
 * SDK's event loop to this shard's own thread and the next one is requested only once the sink
 * has taken the last: a slow sink slows its own subscription, never the other shards'.
 */
final class FanOutShardReader implements ShardReader {
    /** Marks the end of a subscription in the hand-off queue. */
    private static final Object COMPLETED = new Object();

    private final KinesisAsyncClient kinesis;
    private final String consumerArn;
    private final ShardDelivery shard;
    private String continuation;
    private List<String> children;

    FanOutShardReader(KinesisAsyncClient kinesis, String consumerArn, ShardDelivery shard) {
        this.kinesis = kinesis;
        this.consumerArn = consumerArn;
        this.shard = shard;
    }

    @Override
    public void run() {
        StartingPosition position = position(shard.start().position());
        int failures = 0;
        while (!shard.stopped() && children == null) {
            Throwable failure = subscribeOnce(position);
            if (continuation != null) {
                position = position(StartPosition.afterSequenceNumber(continuation));
            }
            if (failure == null) {
                failures = 0; // the subscription ran its 5 minutes (or the shard ended): renew it
                continue;
            }
            if (failure instanceof InvalidArgumentException && continuation == null && shard.start().latestIfNotInShard()) {
                position = position(StartPosition.LATEST); // the number is another shard's
                continue;
            }
            if (failure instanceof ResourceNotFoundException) {
                throw new LabException("Shard " + shard.shardId() + " or consumer " + consumerArn + " no longer exists: "
                        + failure.getMessage());
            }
            if (!(failure instanceof ResourceInUseException) && ++failures > Failures.MAX_IN_A_ROW) {
                throw new LabException("SubscribeToShard on " + shard.shardId() + " failed " + Failures.MAX_IN_A_ROW
                        + " times in a row; last: " + failure);
            }
            if (!(failure instanceof ResourceInUseException)) {
                shard.notice(shard.shardId() + ": subscription failed, subscribing again: " + failure.getMessage());
            }
            Failures.pause(Math.min(5_000, 500L << Math.min(failures, 4)), shard.stopSignal()); // another reader may hold it for 5 s
        }
        if (children != null) {
            shard.end(children);
        }
    }

    private static StartingPosition position(StartPosition start) {
        StartingPosition.Builder position = StartingPosition.builder().type(start.type());
        if (start.type() == ShardIteratorType.AT_SEQUENCE_NUMBER || start.type() == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
            position.sequenceNumber(start.sequenceNumber());
        } else if (start.type() == ShardIteratorType.AT_TIMESTAMP) {
            position.timestamp(start.timestamp());
        }
        return position.build();
    }

    /** One subscription, until it completes (null), fails (the cause) or the tail stops (null). */
    private Throwable subscribeOnce(StartingPosition position) {
        BlockingQueue<Object> handOff = new LinkedBlockingQueue<>(); // holds at most one event: one is requested at a time
        CompletableFuture<Subscription> subscription = new CompletableFuture<>();
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onError(handOff::add)
                .onEventStream(publisher -> publisher.subscribe(new Subscriber<SubscribeToShardEventStream>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        subscription.complete(s);
                        s.request(1);
                    }

                    @Override
                    public void onNext(SubscribeToShardEventStream event) {
                        handOff.add(event);
                    }

                    @Override
                    public void onError(Throwable t) {
                        handOff.add(t);
                    }

                    @Override
                    public void onComplete() {
                        handOff.add(COMPLETED);
                    }
                }))
                .build();
        CompletableFuture<Void> call = kinesis.subscribeToShard(r -> r.consumerARN(consumerArn).shardId(shard.shardId())
                .startingPosition(position), handler);
        call.whenComplete((v, failure) -> {
            if (failure != null) {
                handOff.add(failure);
            }
        });
        try {
            while (!shard.stopped()) {
                Object next = handOff.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                if (next == COMPLETED) {
                    return null;
                }
                if (next instanceof Throwable failure) {
                    return rootCause(failure);
                }
                if (next instanceof SubscribeToShardEvent event && !handle(event)) {
                    return null;
                }
                subscription.join().request(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.thenAccept(Subscription::cancel);
            call.cancel(true);
        }
        return null;
    }

    /** Delivers the event's records; false once the shard has ended. */
    private boolean handle(SubscribeToShardEvent event) {
        shard.deliver(event.records(), event.millisBehindLatest());
        continuation = event.continuationSequenceNumber();
        if (continuation == null) {
            children = event.childShards().stream().map(ChildShard::shardId).toList();
            return false;
        }
        return true;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; depth < 10 && cause.getCause() != null && !(cause instanceof KinesisException); depth++) {
            cause = cause.getCause();
        }
        return cause;
    }
}
