package wildrydes.stream;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.storage.AppendResult;
import wildrydes.storage.ReadBatch;
import wildrydes.storage.RecordToAppend;
import wildrydes.storage.ShardLog;
import wildrydes.storage.StoredRecord;

/**
 * The data path: PutRecord and PutRecords routed by hash key to open shards (registered with
 * the shard while they append, so a reshard closes a shard only after they land), throughput
 * admission and fault injection, shard iterators and GetRecords. Takes no lock of the registry.
 */
public final class DataPlane {
    public static final long ITERATOR_LIFETIME_MILLIS = 300_000;
    public static final int MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DataPlane.class);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private final StreamRegistry streams;
    private final ServiceSettings settings;
    private final ShardIterators iterators;
    private final StreamMetrics metrics;

    public DataPlane(StreamRegistry streams, ShardIterators iterators, StreamMetrics metrics) {
        this.streams = streams;
        this.settings = streams.settings();
        this.iterators = iterators;
        this.metrics = metrics;
    }

    /** A stream that accepts reads and writes: ACTIVE or UPDATING. */
    private Stream writableStream(String name) {
        Stream stream = streams.find(name);
        if (stream == null || (stream.status() != StreamStatus.ACTIVE && stream.status() != StreamStatus.UPDATING)) {
            throw KinesisException.notFound("Stream " + name + " under account " + settings.accountId() + " not found.");
        }
        return stream;
    }

    /** PutRecord: checks the record's size, then appends it to the open shard its hash key falls in. */
    public CompletableFuture<PutResult> putRecord(String streamName, PutEntry entry, String sequenceNumberForOrdering) {
        RecordSizes.checkPutRecord(streams.stream(streamName), entry);
        Stream stream = writableStream(streamName);
        if (sequenceNumberForOrdering != null && !sequenceNumberForOrdering.equals("0")) {
            SequenceNumbers.Parsed parsed = SequenceNumbers.parse(sequenceNumberForOrdering);
            if (parsed == null || parsed.streamCreatedMillis() != stream.createdMillis()) {
                throw KinesisException.invalidArgument("ExclusiveMinimumSequenceNumber " + sequenceNumberForOrdering
                        + " used in PutRecord on stream " + streamName + " under account " + settings.accountId() + " is invalid.");
            }
            // Positions only grow, so every new record is already after any earlier one.
        }
        Shard shard = enterShardFor(stream, hashKeyOf(entry));
        long bytes = RecordSizes.bytes(entry);
        KinesisException refused = admitWrite(stream, shard, bytes);
        if (refused != null) {
            shard.exitAppend();
            throw refused;
        }
        return appendEntered(shard, List.<RecordToAppend>of(entry))
                .whenComplete((r, failure) -> metrics.putRecord(streamName, bytes, failure == null))
                .thenApply(r -> new PutResult(shard.id(), stream.createdMillis(), shard.index(), r.firstSequence()));
    }

    /** Null if a write of one record may go to the shard; else the error to answer (throttling or an injected fault). */
    private KinesisException admitWrite(Stream stream, Shard shard, long bytes) {
        if (injectFault()) {
            return new KinesisException(ErrorCode.InternalFailure, "Internal service failure (injected by --fault-rate).");
        }
        if (!shard.throughput().tryWrite(settings.clock().millis(), 1, bytes, settings.enforceLimits())) {
            metrics.throttled(stream.name(), true);
            return new KinesisException(ErrorCode.ProvisionedThroughputExceededException, "Rate exceeded for shard "
                    + shard.id() + " in stream " + stream.name() + " under account " + settings.accountId() + ".");
        }
        return null;
    }

    private boolean injectFault() {
        return settings.faultRate() > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < settings.faultRate();
    }

    /** The open shard for a hash key, registered for an append (so resharding waits for it to land). */
    private static Shard enterShardFor(Stream stream, HashKey key) {
        while (true) {
            Shard shard = stream.shardFor(key);
            if (shard.enterAppend()) {
                return shard;
            }
            Thread.onSpinWait(); // it is closing: its children are listed already, the next lookup finds them
        }
    }

    /** Appends to a shard entered with {@link Shard#enterAppend()}, leaving it when the append is done. */
    private static CompletableFuture<AppendResult> appendEntered(Shard shard, List<RecordToAppend> records) {
        CompletableFuture<AppendResult> appended;
        try {
            appended = shard.log().append(records);
        } catch (RuntimeException e) {
            shard.exitAppend();
            throw e;
        }
        return appended.whenComplete((r, failure) -> {
            shard.exitAppend();
            shard.commits().fire(); // wakes SubscribeToShard readers of this shard, if any
        });
    }

    /** PutRecords: checks the records' sizes, then writes them with one append per shard; results in request order. */
    public CompletableFuture<List<PutEntryResult>> putRecords(String streamName, List<PutEntry> entries) {
        RecordSizes.checkPutRecords(streams.stream(streamName), entries);
        Stream stream = writableStream(streamName);
        PutEntryResult[] results = new PutEntryResult[entries.size()];
        Map<Shard, List<Integer>> byShard = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            byShard.computeIfAbsent(stream.shardFor(hashKeyOf(entries.get(i))), s -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>(byShard.size());
        for (Map.Entry<Shard, List<Integer>> group : byShard.entrySet()) {
            Shard shard = group.getKey();
            List<Integer> indexes = group.getValue();
            if (!shard.enterAppend()) {
                for (int index : indexes) { // a reshard closed it meanwhile: route these again, one by one
                    PutEntry entry = entries.get(index);
                    Shard child = enterShardFor(stream, hashKeyOf(entry));
                    writes.add(recordResults(stream, child, List.of(index), entries, results));
                }
                continue;
            }
            writes.add(recordResults(stream, shard, indexes, entries, results));
        }
        long bytes = 0;
        for (PutEntry entry : entries) {
            bytes += RecordSizes.bytes(entry);
        }
        long totalBytes = bytes;
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> {
            int failed = 0;
            for (PutEntryResult result : results) {
                failed += result.failed() ? 1 : 0;
            }
            metrics.putRecords(streamName, results.length, failed, totalBytes);
            return List.of(results);
        });
    }

    /** Appends the entries at {@code indexes} to an entered shard and fills in their results. */
    private CompletableFuture<Void> recordResults(Stream stream, Shard shard, List<Integer> indexes, List<PutEntry> entries,
                                                  PutEntryResult[] results) {
        List<Integer> admitted = new ArrayList<>(indexes.size());
        List<RecordToAppend> batch = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            PutEntry entry = entries.get(index);
            KinesisException refused = admitWrite(stream, shard, RecordSizes.bytes(entry));
            if (refused != null) {
                results[index] = PutEntryResult.failure(refused.code(), refused.getMessage());
            } else {
                admitted.add(index);
                batch.add(entry);
            }
        }
        if (batch.isEmpty()) {
            shard.exitAppend();
            return CompletableFuture.completedFuture(null);
        }
        return appendEntered(shard, batch).handle((AppendResult appended, Throwable failure) -> {
            for (int k = 0; k < admitted.size(); k++) {
                results[admitted.get(k)] = failure == null
                        ? PutEntryResult.success(new PutResult(shard.id(), stream.createdMillis(), shard.index(), appended.firstSequence() + k))
                        : PutEntryResult.failure(ErrorCode.InternalFailure, "Internal service failure.");
            }
            if (failure != null) {
                log.error("Write to {} {} failed", stream.name(), shard.id(), failure);
            }
            return null;
        });
    }

    private static HashKey hashKeyOf(PutEntry entry) {
        if (entry.explicitHashKey() == null) {
            return HashKey.ofPartitionKey(entry.partitionKey());
        }
        HashKey key = HashKey.parse(entry.explicitHashKey());
        if (key == null) {
            throw KinesisException.invalidArgument("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
                    + "Specified value was " + entry.explicitHashKey());
        }
        return key;
    }

    public String getShardIterator(String streamName, String shardId, ShardIteratorType type,
                                   String startingSequenceNumber, Long timestampMillis) {
        int index = ShardIds.parse(shardId);
        Stream stream = streams.find(streamName);
        String canonicalId = index < 0 ? shardId : ShardIds.of(index);
        Shard shard = stream == null || index < 0 ? null : stream.shard(index);
        if (shard == null || stream.status() == StreamStatus.DELETING || stream.status() == StreamStatus.CREATING) {
            throw KinesisException.notFound("Shard " + canonicalId + " in stream " + streamName + " under account "
                    + settings.accountId() + " does not exist");
        }
        boolean bySequence = type == ShardIteratorType.AT_SEQUENCE_NUMBER || type == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        if (startingSequenceNumber != null && !bySequence) {
            if (type == ShardIteratorType.AT_TIMESTAMP) {
                throw KinesisException.invalidArgument("Must specify either (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                        + "StartingSequenceNumber or (2) AT_TIMESTAMP and Timestamp. Request specified AT_TIMESTAMP and also a "
                        + "StartingSequenceNumber.");
            }
            throw KinesisException.invalidArgument("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                    + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified "
                    + type + " and also a StartingSequenceNumber.");
        }
        if (timestampMillis != null && type != ShardIteratorType.AT_TIMESTAMP) {
            throw KinesisException.invalidArgument("Must specify timestampInMillis parameter only for iterator of type AT_TIMESTAMP. "
                    + "Current request has " + type + " type and a timestampInMillis parameter.");
        }
        ShardLog shardLog = shard.log();
        long position = switch (type) {
            case TRIM_HORIZON -> shardLog.firstSequence();
            case LATEST -> shard.isOpen() ? shardLog.committedEnd() : shard.closedEnd();
            case AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER -> {
                if (startingSequenceNumber == null) {
                    throw KinesisException.invalidArgument("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                            + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified "
                            + type + " and no StartingSequenceNumber.");
                }
                long at = positionOf(stream, shard, startingSequenceNumber);
                yield type == ShardIteratorType.AT_SEQUENCE_NUMBER ? at : at + 1;
            }
            case AT_TIMESTAMP -> {
                if (timestampMillis == null) {
                    throw KinesisException.invalidArgument("Must specify timestampInMillis parameter for iterator of type "
                            + "AT_TIMESTAMP. Current request has no timestamp parameter.");
                }
                long now = settings.clock().millis();
                if (timestampMillis > now) {
                    throw KinesisException.invalidArgument("The timestampInMillis parameter cannot be greater than the "
                            + "currentTimestampInMillis. timestampInMillis: " + timestampMillis
                            + ", currentTimestampInMillis: " + now);
                }
                yield shardLog.sequenceAtOrAfter(timestampMillis);
            }
        };
        return iterators.encode(new ShardIterators.Position(stream.name(), stream.createdMillis(), shard.index(), position,
                settings.clock().millis()));
    }

    private long positionOf(Stream stream, Shard shard, String sequenceNumber) {
        SequenceNumbers.Parsed parsed = SequenceNumbers.parse(sequenceNumber);
        if (parsed == null) {
            throw KinesisException.invalidArgument("StartingSequenceNumber " + sequenceNumber + " used in GetShardIterator on shard "
                    + shard.id() + " in stream " + stream.name() + " under account " + settings.accountId() + " is invalid.");
        }
        if (parsed.shardIndex() != shard.index()) {
            throw KinesisException.invalidArgument("Invalid StartingSequenceNumber. It encodes " + ShardIds.of(parsed.shardIndex())
                    + ", while it was used in a call to a shard with " + shard.id());
        }
        if (parsed.streamCreatedMillis() != stream.createdMillis()) {
            throw KinesisException.invalidArgument("StartingSequenceNumber " + sequenceNumber + " used in GetShardIterator on shard "
                    + shard.id() + " in stream " + stream.name() + " under account " + settings.accountId()
                    + " is invalid because it did not come from this stream.");
        }
        return parsed.position();
    }

    public RecordsPage getRecords(String shardIterator, int limit) {
        ShardIterators.Position at = iterators.decode(shardIterator);
        long now = settings.clock().millis();
        if (at == null || at.issuedAtMillis() > now + 60_000) {
            throw KinesisException.invalidArgument("Invalid ShardIterator.");
        }
        if (now - at.issuedAtMillis() > ITERATOR_LIFETIME_MILLIS) {
            throw new KinesisException(ErrorCode.ExpiredIteratorException, "Iterator expired. The iterator was created at time "
                    + AMZ_DATE.format(Instant.ofEpochMilli(at.issuedAtMillis())) + " while right now it is "
                    + AMZ_DATE.format(Instant.ofEpochMilli(now)) + " which is further in the future than the tolerated delay of "
                    + ITERATOR_LIFETIME_MILLIS + " milliseconds.");
        }
        Stream stream = streams.find(at.streamName());
        Shard shard = stream == null || stream.createdMillis() != at.streamCreatedMillis() ? null : stream.shard(at.shardIndex());
        if (shard == null || stream.status() == StreamStatus.DELETING) {
            throw KinesisException.notFound("Shard " + ShardIds.of(at.shardIndex()) + " in stream " + at.streamName()
                    + " under account " + settings.accountId() + " does not exist");
        }
        if (injectFault()) {
            throw new KinesisException(ErrorCode.InternalFailure, "Internal service failure (injected by --fault-rate).");
        }
        if (!shard.throughput().tryRead(now, settings.enforceLimits())) {
            metrics.throttled(stream.name(), false);
            throw new KinesisException(ErrorCode.ProvisionedThroughputExceededException, "Rate exceeded for shard " + shard.id()
                    + " in stream " + stream.name() + " under account " + settings.accountId() + ".");
        }
        long readEnd = shard.isOpen() ? Long.MAX_VALUE : shard.closedEnd();
        if (at.position() >= readEnd) {
            return new RecordsPage(ShardRecords.of(stream, shard, List.of()), null, 0, stream.children(shard));
        }
        int maxRecords = (int) Math.min(limit, readEnd - at.position());
        ReadBatch batch = shard.log().read(at.position(), maxRecords, MAX_GET_RECORDS_BYTES);
        if (batch.nextSequence() >= readEnd) {
            reportRead(stream, shard, batch.records(), 0);
            return new RecordsPage(ShardRecords.of(stream, shard, batch.records()), null, 0, stream.children(shard));
        }
        long behind = batch.caughtUp() ? 0 : Math.max(0, now - batch.nextArrivalMillis());
        reportRead(stream, shard, batch.records(), behind);
        String nextIterator = iterators.encode(new ShardIterators.Position(stream.name(), stream.createdMillis(), shard.index(),
                batch.nextSequence(), now));
        return new RecordsPage(ShardRecords.of(stream, shard, batch.records()), nextIterator, behind, List.of());
    }

    private void reportRead(Stream stream, Shard shard, List<StoredRecord> records, long millisBehind) {
        long bytes = 0;
        for (StoredRecord record : records) {
            bytes += record.sizeBytes();
        }
        shard.throughput().countRead(settings.clock().millis(), bytes);
        metrics.getRecords(stream.name(), records.size(), bytes, millisBehind);
    }
}
