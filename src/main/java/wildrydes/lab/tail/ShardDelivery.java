package wildrydes.lab.tail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.kinesis.model.Record;
import wildrydes.lab.kpl.Deaggregation;
import wildrydes.lab.kpl.HashKeyRange;
import wildrydes.lab.kpl.KplAggregate;
import wildrydes.lab.kpl.UserRecord;

/**
 * What a shard's reader hands its records to, whichever way it reads: turns Kinesis records into
 * {@link TailRecord}s (taking KPL aggregates apart), drops what was delivered before (a
 * resubscription's overlap, a resumed aggregate's first user records), passes the batch to the
 * sink and, once the sink returns, moves the shard's position. One per shard, used by its reader
 * thread only.
 */
final class ShardDelivery {
    /** What the tail learns from each shard. */
    interface Progress {
        void delivered(String shardId, ShardPosition end, int kinesisRecords, int userRecords, long millisBehindLatest);

        void finished(String shardId);
    }

    private final String stream;
    private final String shardId;
    private final HashKeyRange range;
    private final ReadStart start;
    private final StreamTail.Settings settings;
    private final Progress progress;
    private final BooleanSupplier stopped;
    private ShardPosition delivered;
    private String lastSequenceNumber;

    ShardDelivery(String stream, String shardId, HashKeyRange range, ReadStart start, StreamTail.Settings settings,
                  Progress progress, BooleanSupplier stopped) {
        this.stream = stream;
        this.shardId = shardId;
        this.range = range;
        this.start = start;
        this.settings = settings;
        this.progress = progress;
        this.stopped = stopped;
        this.delivered = start.delivered();
    }

    String stream() {
        return stream;
    }

    String shardId() {
        return shardId;
    }

    ReadStart start() {
        return start;
    }

    int recordsPerRead() {
        return settings.recordsPerRead();
    }

    boolean stopped() {
        return stopped.getAsBoolean();
    }

    BooleanSupplier stopSignal() {
        return stopped;
    }

    void notice(String message) {
        settings.listener().notice(message);
    }

    /** The last Kinesis record handled, to renew an iterator after it; null before the first. */
    String lastSequenceNumber() {
        return lastSequenceNumber != null ? lastSequenceNumber : delivered == null ? null
                : delivered.wholeRecord() ? delivered.sequenceNumber() : null;
    }

    /** Delivers one read's records; returns once the sink has handled them. */
    void deliver(List<Record> records, Long millisBehindLatest) {
        List<TailRecord> batch = new ArrayList<>(records.size());
        ShardPosition end = delivered;
        for (Record record : records) {
            BigInteger sequence = new BigInteger(record.sequenceNumber());
            if (delivered != null && delivered.coversWhole(sequence)) {
                continue;
            }
            add(record, sequence, batch);
            end = ShardPosition.after(record.sequenceNumber());
        }
        long lag = millisBehindLatest == null ? -1 : millisBehindLatest;
        if (!batch.isEmpty() || settings.deliverEmptyBatches()) {
            try {
                settings.sink().deliver(new RecordBatch(shardId, List.copyOf(batch), lag, end));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new SinkException(shardId, e);
            }
        }
        if (!records.isEmpty()) {
            lastSequenceNumber = records.getLast().sequenceNumber();
        }
        delivered = end;
        progress.delivered(shardId, end, records.size(), batch.size(), lag);
    }

    private void add(Record record, BigInteger sequence, List<TailRecord> batch) {
        byte[] data = record.data().asByteArrayUnsafe();
        if (settings.deaggregate() && KplAggregate.hasMagic(data)) {
            Deaggregation outcome = KplAggregate.deaggregate(data, range);
            if (outcome.kind() == Deaggregation.Kind.AGGREGATE) {
                List<UserRecord> users = outcome.records();
                for (UserRecord user : users) {
                    if (delivered == null || !delivered.covers(sequence, user.subSequenceNumber())) {
                        batch.add(new TailRecord(shardId, record.sequenceNumber(), user.subSequenceNumber(), true,
                                user.subSequenceNumber() == users.size() - 1, user.partitionKey(), user.explicitHashKey(),
                                record.approximateArrivalTimestamp(), user.data()));
                    }
                }
                return;
            }
            settings.listener().aggregateIssue(shardId, record.sequenceNumber(), outcome);
            if (outcome.kind() == Deaggregation.Kind.OUT_OF_RANGE) {
                return;
            }
        }
        batch.add(new TailRecord(shardId, record.sequenceNumber(), 0, false, true, record.partitionKey(), null,
                record.approximateArrivalTimestamp(), data));
    }

    /** The shard was read to its end: tells the sink, then the tail (whose children may then start). */
    void end(List<String> childShardIds) {
        try {
            settings.sink().shardEnded(new ShardEnd(shardId, List.copyOf(childShardIds)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SinkException(shardId, e);
        }
        progress.finished(shardId);
    }
}
