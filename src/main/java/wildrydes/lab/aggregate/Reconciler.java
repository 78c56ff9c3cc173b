package wildrydes.lab.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.lab.common.LabException;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.RecordSink;
import wildrydes.lab.tail.ShardEnd;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.StartPosition;
import wildrydes.lab.tail.StreamTail;
import wildrydes.lab.tail.TailListener;

/**
 * After a crash between recording rows and knowing they were all put: which of them are already
 * on the destination. PutRecords is not idempotent, so the destination itself is read: every
 * shard after the last sequence number this aggregation put there before (so nothing of an
 * earlier window is mistaken for these rows), and shards it never wrote to from a little before
 * the rows were recorded ({@link #SLACK}, for clock differences). A row counts as landed when a
 * record with the same partition key and the same bytes is found, each found record matching
 * one row; identical records from another writer of the destination would be mistaken for
 * ours, so the destination should have this aggregation as its only writer, as in the workshop.
 */
final class Reconciler {
    static final Duration SLACK = Duration.ofMinutes(5);
    static final Duration MAX_TIME = Duration.ofMinutes(5);

    private Reconciler() {
    }

    /** The pending rows not on the destination, in their order. */
    static List<OutputRow> missing(KinesisClient kinesis, String stream, AggregateState.Pending pending, Map<String, String> known,
                                   Consumer<String> notices) {
        Map<OutputRow, Integer> found = new HashMap<>();
        Map<OutputRow, Integer> wanted = new HashMap<>();
        pending.rows().forEach(row -> wanted.merge(row, 1, Integer::sum));
        Map<String, ShardPosition> after = new TreeMap<>();
        known.forEach((shard, sequence) -> after.put(shard, ShardPosition.after(sequence)));
        Set<String> started = ConcurrentHashMap.newKeySet();
        Set<String> caughtUp = ConcurrentHashMap.newKeySet();
        Map<String, List<String>> ended = new ConcurrentHashMap<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void deliver(RecordBatch batch) {
                synchronized (found) {
                    batch.records().forEach(r -> {
                        OutputRow row = new OutputRow(r.partitionKey(), r.data());
                        if (wanted.containsKey(row)) {
                            found.merge(row, 1, Integer::sum);
                        }
                    });
                }
                if (batch.millisBehindLatest() == 0) {
                    caughtUp.add(batch.shardId());
                }
            }

            @Override
            public void shardEnded(ShardEnd end) {
                ended.put(end.shardId(), end.childShardIds());
            }
        };
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        StreamTail tail = StreamTail.builder(kinesis, stream)
                .resumeFrom(new Checkpoint(stream, after, Set.of()))
                .from(StartPosition.atTimestamp(Instant.ofEpochMilli(pending.writtenAtMillis()).minus(SLACK)))
                .deaggregate(false)
                .deliverEmptyBatches(true)
                .recordsPerRead(10_000)
                .listener(new TailListener() {
                    @Override
                    public void shardStarted(String shardId, StartPosition from) {
                        started.add(shardId);
                    }

                    @Override
                    public void notice(String message) {
                        notices.accept(message);
                    }
                })
                .until(() -> done(started, caughtUp, ended) || System.nanoTime() > deadline)
                .sink(sink)
                .build();
        tail.run(new AtomicBoolean());
        if (!done(started, caughtUp, ended)) {
            throw new LabException("could not read " + stream + " to its end within " + MAX_TIME.toMinutes() + " minutes to find "
                    + "which of " + pending.rows().size() + " recorded rows already landed; they stay in the state for the next start");
        }
        List<OutputRow> missing = new ArrayList<>();
        for (OutputRow row : pending.rows()) {
            Integer count = found.get(row);
            if (count != null && count > 0) {
                found.put(row, count - 1);
            } else {
                missing.add(row);
            }
        }
        return missing;
    }

    /** Every shard started has been read to its tip or to its end, and the children of those that ended have started. */
    private static boolean done(Set<String> started, Set<String> caughtUp, Map<String, List<String>> ended) {
        if (started.isEmpty()) {
            return false;
        }
        for (String shard : started) {
            if (!caughtUp.contains(shard) && !ended.containsKey(shard)) {
                return false;
            }
        }
        for (List<String> children : ended.values()) {
            if (!started.containsAll(children)) {
                return false;
            }
        }
        return true;
    }
}
