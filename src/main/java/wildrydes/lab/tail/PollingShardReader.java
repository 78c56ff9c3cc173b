package wildrydes.lab.tail;

import java.util.function.Supplier;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard with GetRecords until the shard ends (a null next iterator) or the tail stops.
 * Polls at most five times a second (the per-shard limit of Kinesis) while caught up and at once
 * while behind, backs off when throttled, retries server errors and broken connections a bounded
 * number of times, and renews an expired iterator after the last record handled.
 */
final class PollingShardReader implements ShardReader {
    private static final long POLL_MILLIS = 200;

    private final KinesisClient kinesis;
    private final ShardDelivery shard;

    PollingShardReader(KinesisClient kinesis, ShardDelivery shard) {
        this.kinesis = kinesis;
        this.shard = shard;
    }

    @Override
    public void run() {
        String iterator = firstIterator();
        while (iterator != null && !shard.stopped()) {
            String current = iterator;
            GetRecordsResponse response;
            try {
                response = retrying(() -> kinesis.getRecords(r -> r.shardIterator(current).limit(shard.recordsPerRead())));
            } catch (ExpiredIteratorException e) {
                iterator = renewedIterator();
                continue;
            }
            if (response == null) {
                return; // stopped while backing off
            }
            shard.deliver(response.records(), response.millisBehindLatest());
            iterator = response.nextShardIterator();
            if (iterator == null) {
                shard.end(response.childShards().stream().map(ChildShard::shardId).toList());
                return;
            }
            boolean behind = !response.records().isEmpty() && response.millisBehindLatest() != null
                    && response.millisBehindLatest() > 0;
            if (!behind) {
                Failures.pause(POLL_MILLIS, shard.stopSignal());
            }
        }
    }

    private String firstIterator() {
        StartPosition start = shard.start().position();
        if (shard.start().latestIfNotInShard()) {
            try {
                return iterator(start);
            } catch (InvalidArgumentException otherShard) {
                return iterator(StartPosition.LATEST); // the number belongs to another shard
            }
        }
        return iterator(start);
    }

    private String renewedIterator() {
        String last = shard.lastSequenceNumber();
        if (last != null) {
            return iterator(StartPosition.afterSequenceNumber(last));
        }
        shard.notice(shard.shardId() + ": iterator expired before the first record; starting again from "
                + shard.start().position().type());
        return firstIterator();
    }

    private String iterator(StartPosition start) {
        return retrying(() -> kinesis.getShardIterator(r -> r.streamName(shard.stream()).shardId(shard.shardId())
                .shardIteratorType(start.type())
                .startingSequenceNumber(start.sequenceNumber())
                .timestamp(start.type() == ShardIteratorType.AT_TIMESTAMP ? start.timestamp() : null)).shardIterator());
    }

    /** The call's answer; null if the tail stopped while waiting to retry. Fatal failures are thrown. */
    private <T> T retrying(Supplier<T> call) {
        int throttled = 0;
        int failures = 0;
        while (true) {
            try {
                return call.get();
            } catch (ExpiredIteratorException e) {
                throw e;
            } catch (RuntimeException e) {
                switch (Failures.classify(e)) {
                    case THROTTLED -> Failures.pause(Failures.backOffMillis(++throttled), shard.stopSignal());
                    case TRANSIENT -> {
                        if (++failures > Failures.MAX_IN_A_ROW) {
                            throw e;
                        }
                        shard.notice(shard.shardId() + ": " + e.getMessage() + "; trying again");
                        Failures.pause(Failures.backOffMillis(failures), shard.stopSignal());
                    }
                    default -> throw e;
                }
            }
            if (shard.stopped()) {
                return null;
            }
        }
    }
}
