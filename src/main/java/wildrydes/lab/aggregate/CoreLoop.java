package wildrydes.lab.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import wildrydes.lab.common.LabException;

/**
 * The aggregation thread: takes what the shards' readers hand over (in order, through one
 * bounded queue, so a busy aggregation holds the readers back), feeds the {@link AggregationCore},
 * and whenever windows have ended emits them exactly once:
 * <ol>
 * <li>run the query; record durably the result rows as pending, together with the new watermark
 *     and the positions to read again from (the closed windows no longer need their records);</li>
 * <li>put the rows on the destination;</li>
 * <li>record durably that they were put (and where the destination's shards are now).</li>
 * </ol>
 * A crash before 1 reads the windows' records again and emits them then; a crash after 1 finds
 * the pending rows at the next start, reads the destination for those already there and puts
 * the others ({@link Reconciler}). Everything here runs on this one thread, so what is recorded
 * is always one consistent moment of the aggregation.
 */
final class CoreLoop implements Runnable {
    /** The tail has stopped: handle what is queued, emit what has ended, record, and return. */
    static final Object FINISH = new Object();
    static final long SAVE_EVERY_MILLIS = 30_000;

    record Started(String shardId) {
    }

    record Ended(String shardId, List<String> children, long atMillis) {
    }

    private final AggregationCore core;
    private final StateStore store;
    private final Publisher publisher;
    private final HaltPoints halt;
    private final StatusLine status;
    private final LongSupplier lag;
    private final java.time.ZoneId zone;
    private final boolean arrival;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(64);
    private volatile Throwable failure;
    private volatile boolean finished;
    private AggregateState state;
    private long lastSave = System.currentTimeMillis();
    private long lastWarning;
    private long firstRecordNanos;
    private long lastRecordNanos;

    CoreLoop(AggregationCore core, StateStore store, AggregateState state, Publisher publisher, HaltPoints halt, StatusLine status,
             LongSupplier lag, AggregateSettings settings) {
        this.core = core;
        this.store = store;
        this.state = state;
        this.publisher = publisher;
        this.halt = halt;
        this.status = status;
        this.lag = lag;
        this.zone = settings.zone();
        this.arrival = settings.time().arrival();
    }

    /** Hands a message over from a reader's thread, waiting while the queue is full. */
    void enqueue(Object message) throws InterruptedException {
        while (!queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
            if (failure != null || finished) {
                throw new LabException("the aggregation has stopped");
            }
        }
    }

    Throwable failure() {
        return failure;
    }

    AggregateState state() {
        return state;
    }

    /** Seconds from the first record taken in to the last (0 when fewer than two). */
    double ingestSeconds() {
        return (lastRecordNanos - firstRecordNanos) / 1e9;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Object message = queue.poll(50, TimeUnit.MILLISECONDS);
                int handled = 0;
                while (message != null && message != FINISH) {
                    handle(message);
                    message = ++handled < 256 ? queue.poll() : null;
                }
                long now = System.currentTimeMillis();
                while (core.hasReady(now)) {
                    emit(now);
                }
                if (message == FINISH) {
                    save();
                    return;
                }
                if (now - lastSave > SAVE_EVERY_MILLIS) {
                    save();
                }
                report(now);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            finished = true;
            queue.clear();
        }
    }

    private void handle(Object message) throws Exception {
        switch (message) {
            case ParsedBatch batch -> {
                long before = core.counters().recordsIn + core.counters().replayed;
                core.ingest(batch);
                if (core.counters().recordsIn + core.counters().replayed > before) {
                    lastRecordNanos = System.nanoTime();
                    if (firstRecordNanos == 0) {
                        firstRecordNanos = lastRecordNanos;
                    }
                }
            }
            case Started started -> core.started(started.shardId());
            case Ended ended -> core.ended(ended.shardId(), ended.children(), ended.atMillis());
            default -> throw new IllegalStateException("unexpected message " + message);
        }
    }

    /** Closes the windows that have ended and emits their rows, exactly once (see the class comment). */
    private void emit(long now) throws IOException {
        AggregationCore.Closed closed = core.closeReady(now);
        if (closed == null) {
            return;
        }
        state = state.withProgress(core.recordableWatermark(), closed.closedThrough(), core.replayCheckpoint(), core.readThrough());
        if (closed.rows().isEmpty()) {
            save();
            return;
        }
        state = state.withPending(new AggregateState.Pending(now, closed.windows(), closed.rows()));
        write();
        halt.reached(HaltPoints.AFTER_STATE_WRITE);
        java.util.Map<String, String> positions = publisher.put(closed.rows());
        halt.reached(HaltPoints.AFTER_PUT);
        state = state.withPendingPut(positions);
        write();
    }

    private void save() throws IOException {
        state = state.withProgress(core.recordableWatermark(), core.closedThrough(), core.replayCheckpoint(), core.readThrough());
        write();
    }

    private void write() throws IOException {
        try {
            store.save(state);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the aggregate state in " + store.directory() + ": " + e.getMessage(), e);
        }
        lastSave = System.currentTimeMillis();
    }

    private void report(long now) {
        AggregationCore.Counters counters = core.counters();
        if (now - lastWarning > 10_000) {
            String problem = counters.takeWarning();
            if (problem != null) {
                lastWarning = now;
                status.println("aggregate: " + StatusLine.count(counters.skipped) + " records skipped so far; latest: " + problem);
            }
        }
        long mark = core.watermark(now);
        long wall = mark == Watermarks.NONE || !arrival ? mark : mark + LabTime.offsetMillis(zone, mark);
        status.tick(now, counters, core.openWindows(), core.openRows(), lag.getAsLong(), wall);
    }
}
