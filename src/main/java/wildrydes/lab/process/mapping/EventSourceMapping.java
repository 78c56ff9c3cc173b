package wildrydes.lab.process.mapping;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import wildrydes.lab.process.FunctionEvent;
import wildrydes.lab.process.LambdaFunction;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.RecordSink;
import wildrydes.lab.tail.ShardEnd;
import wildrydes.lab.tail.StartPosition;
import wildrydes.lab.tail.StreamTail;
import wildrydes.lab.tail.TailListener;
import wildrydes.lab.tail.TailStatus;

/**
 * A Kinesis event source mapping: reads every shard of the stream with the lab's
 * {@link StreamTail} (GetRecords about five times a second per shard while caught up, records as
 * Kinesis stored them: Lambda does not take KPL aggregates apart), one {@link ShardMapping} per
 * shard, resharding followed parents before children. It resumes from its {@link MappingState}:
 * shards after their last handled record; shards it never read from the time it first started
 * (see {@link #startFor}).
 */
public final class EventSourceMapping {
    private final KinesisClient kinesis;
    private final String stream;
    private final MappingContext context;
    private final TailListener tailListener;
    private volatile StreamTail tail;

    public EventSourceMapping(KinesisClient kinesis, String stream, MappingSettings settings, LambdaFunction function,
                              FunctionEvent.Source source, String functionArn, FailureDestination destination, MappingState state,
                              MappingListener listener, TailListener tailListener, AtomicBoolean stop) {
        this(kinesis, stream, settings, function, source, functionArn, destination, state, listener, tailListener, stop, Clock.systemUTC());
    }

    /** @param clock what record ages, iterator ages and window ends are measured with */
    public EventSourceMapping(KinesisClient kinesis, String stream, MappingSettings settings, LambdaFunction function,
                              FunctionEvent.Source source, String functionArn, FailureDestination destination, MappingState state,
                              MappingListener listener, TailListener tailListener, AtomicBoolean stop, Clock clock) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.context = new MappingContext(settings, function, source, functionArn, destination, state, listener, stop::get, clock);
        this.tailListener = tailListener;
    }

    /**
     * Where shards the state does not know start. LATEST means the records that arrive from the
     * moment the mapping first started: read as AT_TIMESTAMP of that moment, so that a record put
     * once the tool said it is reading is never skipped (a LATEST iterator is positioned a little
     * later), and a restart does not skip what arrived while the tool was down.
     */
    StartPosition startFor(MappingState state, MappingSettings settings) {
        if (settings.start().type() == ShardIteratorType.LATEST) {
            return StartPosition.atTimestamp(state.started());
        }
        return settings.start();
    }

    /** Runs until {@code stop} is set (the one given to the constructor) or reading fails. */
    public void run(AtomicBoolean stop) {
        Map<String, ShardMapping> shards = new ConcurrentHashMap<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void deliver(RecordBatch batch) throws Exception {
                shards.computeIfAbsent(batch.shardId(), id -> new ShardMapping(id, context))
                        .deliver(batch.records(), batch.millisBehindLatest());
            }

            @Override
            public void shardEnded(ShardEnd end) throws Exception {
                shards.computeIfAbsent(end.shardId(), id -> new ShardMapping(id, context)).ended();
                shards.remove(end.shardId());
            }
        };
        tail = StreamTail.builder(kinesis, stream)
                .sink(sink)
                .from(startFor(context.state(), context.settings()))
                .resumeFrom(context.state().checkpoint())
                .deaggregate(false)
                .deliverEmptyBatches(true)
                .recordsPerRead(Math.min(10_000, Math.max(1_000, context.settings().batchSize()))) // a read may fill several batches
                .listener(tailListener)
                .build();
        tail.run(stop);
    }

    /** Progress of the reading, for status lines; null before {@link #run}. */
    public TailStatus status() {
        StreamTail current = tail;
        return current == null ? null : current.status();
    }
}
