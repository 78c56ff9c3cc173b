package wildrydes.lab.tail;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.LabException;

/**
 * Reading through a registered stream consumer (enhanced fan-out): registers it if needed,
 * waits until it is ACTIVE, then a tail given it ({@link StreamTail.Builder#fanOut}) reads every
 * shard with SubscribeToShard over HTTP/2. The consumer stays registered afterwards.
 */
public final class EnhancedFanOut {
    static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(3);

    private final KinesisAsyncClient async;
    private final String consumerArn;

    private EnhancedFanOut(KinesisAsyncClient async, String consumerArn) {
        this.async = async;
        this.consumerArn = consumerArn;
    }

    /** As {@link #prepare(KinesisClient, KinesisAsyncClient, String, String, Consumer)}, printing what it does on {@code notices}. */
    public static EnhancedFanOut prepare(KinesisClient kinesis, KinesisAsyncClient async, String stream, String name,
                                         PrintStream notices) {
        return prepare(kinesis, async, stream, name, notices::println);
    }

    /**
     * Finds or registers consumer {@code name} of the stream and waits (bounded) until it is
     * ACTIVE; says what it did through {@code notices} (one line, no prefix).
     */
    public static EnhancedFanOut prepare(KinesisClient kinesis, KinesisAsyncClient async, String stream, String name,
                                         Consumer<String> notices) {
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamARN();
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        boolean announced = false;
        while (System.nanoTime() < deadline) {
            ConsumerDescription consumer = describe(kinesis, streamArn, name);
            if (consumer == null) {
                String arn = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName(name)).consumer().consumerARN();
                notices.accept("registered enhanced fan-out consumer " + name + " (" + arn + ")");
                announced = true;
            } else if (consumer.consumerStatus() == ConsumerStatus.ACTIVE) {
                if (!announced) {
                    notices.accept("reading through enhanced fan-out consumer " + name + " (" + consumer.consumerARN() + ")");
                }
                return new EnhancedFanOut(async, consumer.consumerARN());
            }
            Explain.sleep(250); // CREATING, or DELETING before it can be registered again
        }
        throw new LabException("Consumer " + name + " of stream " + stream + " did not become ACTIVE within "
                + ACTIVE_TIMEOUT.toMinutes() + " minutes.");
    }

    private static ConsumerDescription describe(KinesisClient kinesis, String streamArn, String name) {
        try {
            return kinesis.describeStreamConsumer(r -> r.streamARN(streamArn).consumerName(name)).consumerDescription();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    public String consumerArn() {
        return consumerArn;
    }

    ShardReader reader(ShardDelivery shard) {
        return new FanOutShardReader(async, consumerArn, shard);
    }
}
