package wildrydes.lab;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard with GetRecords until the shard ends (a null next iterator) or the consumer
 * stops. Polls at most five times a second (the per-shard limit of Kinesis), backs off when
 * throttled, and renews an expired iterator from the last record it printed.
 */
final class ShardReader {
    enum State { READING, FINISHED }

    private static final long POLL_MILLIS = 200;
    private static final long LAG_REPORT_NANOS = 5_000_000_000L;

    private final KinesisClient kinesis;
    private final Consumer.Settings settings;
    private final String shardId;
    private final StartPosition start;
    private final Consumer consumer;
    private final AtomicBoolean stop;
    private String lastSequenceNumber;
    private long lastLagReport;

    ShardReader(KinesisClient kinesis, Consumer.Settings settings, String shardId, StartPosition start, Consumer consumer,
                AtomicBoolean stop) {
        this.kinesis = kinesis;
        this.settings = settings;
        this.shardId = shardId;
        this.start = start;
        this.consumer = consumer;
        this.stop = stop;
    }

    void run() {
        String iterator = firstIterator();
        int throttled = 0;
        while (iterator != null && !stop.get()) {
            String current = iterator;
            GetRecordsResponse response;
            try {
                response = kinesis.getRecords(r -> r.shardIterator(current).limit(1000));
                throttled = 0;
            } catch (ProvisionedThroughputExceededException e) {
                throttled++;
                Consumer.sleep(Math.min(5_000, POLL_MILLIS << Math.min(throttled, 5)));
                continue;
            } catch (ExpiredIteratorException e) {
                iterator = renewedIterator();
                continue;
            }
            for (Record record : response.records()) {
                String text = settings.formatter().format(shardId, record.sequenceNumber(), record.partitionKey(),
                        record.approximateArrivalTimestamp() == null ? Instant.EPOCH : record.approximateArrivalTimestamp(),
                        record.data().asByteArrayUnsafe());
                if (!consumer.print(text)) {
                    stop.set(true);
                    return;
                }
                lastSequenceNumber = record.sequenceNumber();
            }
            reportLag(response.millisBehindLatest());
            iterator = response.nextShardIterator();
            boolean behind = !response.records().isEmpty() && response.millisBehindLatest() != null
                    && response.millisBehindLatest() > 0;
            if (iterator != null && !behind) {
                Consumer.sleep(POLL_MILLIS);
            }
        }
    }

    private String firstIterator() {
        if (start.type() == ShardIteratorType.AT_SEQUENCE_NUMBER) {
            try {
                return iterator(ShardIteratorType.AT_SEQUENCE_NUMBER, start.sequenceNumber());
            } catch (InvalidArgumentException otherShard) {
                return iterator(ShardIteratorType.LATEST, null); // the number belongs to another shard
            }
        }
        return iterator(start.type(), null);
    }

    private String renewedIterator() {
        if (lastSequenceNumber != null) {
            return iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequenceNumber);
        }
        consumer.warn(shardId + ": iterator expired before the first record; starting again from " + start.type());
        return firstIterator();
    }

    private String iterator(ShardIteratorType type, String sequenceNumber) {
        return kinesis.getShardIterator(r -> r.streamName(settings.stream()).shardId(shardId).shardIteratorType(type)
                .startingSequenceNumber(sequenceNumber)
                .timestamp(type == ShardIteratorType.AT_TIMESTAMP ? start.timestamp() : null)).shardIterator();
    }

    private void reportLag(Long millisBehind) {
        long now = System.nanoTime();
        if (millisBehind != null && now - lastLagReport > LAG_REPORT_NANOS) {
            lastLagReport = now;
            consumer.reportLag(shardId, millisBehind);
        }
    }
}
