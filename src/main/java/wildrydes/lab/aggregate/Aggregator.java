package wildrydes.lab.aggregate;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import wildrydes.lab.common.Explain;
import wildrydes.lab.common.KinesisEndpoint;
import wildrydes.lab.common.LabException;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.sql.SqlThreads;
import wildrydes.lab.tail.EnhancedFanOut;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.RecordSink;
import wildrydes.lab.tail.ShardEnd;
import wildrydes.lab.tail.StartPosition;
import wildrydes.lab.tail.StreamTail;
import wildrydes.lab.tail.TailListener;

/**
 * Module 3 of the lab: streaming aggregation with SQL. Reads the source stream with a
 * {@link StreamTail}, puts every reading into a tumbling window (by arrival or event time),
 * runs the query over each window once it has ended (DuckDB, {@link WindowTables}) and puts the
 * result rows on the destination stream, exactly once across restarts and crashes
 * ({@link CoreLoop}, {@link Reconciler}). Everything goes through the AWS SDK, so it runs
 * against Amazon Kinesis as against the local server.
 */
public final class Aggregator implements AutoCloseable {
    /** What a run did, for the closing line. */
    public record Summary(long recordsIn, long replayed, long late, long skipped, long incomplete, long windowsOut, long rowsOut,
                          int openWindows, double ingestSeconds, Path stateDir) {
        public String describe(String destination) {
            String rate = ingestSeconds > 0 ? String.format(Locale.ROOT, " (%,.0f records/s over %.1f s)", recordsIn / ingestSeconds,
                    ingestSeconds) : "";
            return "aggregate: took in " + StatusLine.count(recordsIn) + " records" + rate
                    + (replayed > 0 ? " and read " + StatusLine.count(replayed) + " again" : "")
                    + (late > 0 ? ", left out " + StatusLine.count(late) + " late" : "")
                    + (skipped > 0 ? ", skipped " + StatusLine.count(skipped) + " (not JSON, or no Name or time)" : "")
                    + (incomplete > 0 ? ", " + StatusLine.count(incomplete) + " with missing fields as NULL" : "")
                    + "; emitted " + StatusLine.count(windowsOut) + " window" + (windowsOut == 1 ? "" : "s") + " ("
                    + StatusLine.rows(rowsOut) + ") to " + destination
                    + (openWindows > 0 ? "; " + openWindows + " open window" + (openWindows == 1 ? " is" : "s are")
                    + " read again at the next start" : "") + ". State: " + stateDir;
        }
    }

    private final AggregateSettings settings;
    private final SqlEngine engine;
    private final AggregateQuery query;
    private final PrintStream err;
    private final HaltPoints halt;
    private final StatusLine status;

    /**
     * Checks the query before anything is read (no network): throws {@link wildrydes.lab.sql.SqlException}
     * with a one-line message naming the problem.
     *
     * @param statusEveryMillis how often the status line is printed when {@code err} is not a terminal
     */
    public Aggregator(AggregateSettings settings, PrintStream err, boolean terminal, long statusEveryMillis,
                      Map<String, String> environment) {
        this.settings = settings;
        this.err = err;
        this.halt = HaltPoints.from(environment);
        this.status = new StatusLine(err, terminal, statusEveryMillis);
        this.engine = SqlEngine.inMemory(1);
        try {
            this.query = onSqlThread("aggregate-check", () -> AggregateQuery.prepare(engine, settings.query(), settings.partitionKey()));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Runs engine work on a platform thread with the stack DuckDB needs ({@link SqlThreads}: it
     * recurses on the native stack, and a deep query would overflow the launcher's 512 KiB).
     */
    static <T> T onSqlThread(String name, java.util.concurrent.Callable<T> work) {
        try {
            return SqlThreads.call(name, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result columns of the query, in order. */
    public List<SqlEngine.Column> columns() {
        return query.columns();
    }

    /**
     * Runs until {@code stop} is set (Ctrl+C), the idle timeout passes or something fails;
     * emits what has ended and records the state before it returns. With {@code efo}, reads
     * through that enhanced fan-out consumer ({@code async} is then required).
     */
    public Summary run(KinesisClient kinesis, KinesisEndpoint endpoint, KinesisAsyncClient async, String efo, AtomicBoolean stop) {
        Explain.requireStream(kinesis, endpoint, settings.source());
        StreamIdentity source = identity(kinesis, endpoint, settings.source());
        StreamIdentity destination = ensureDestination(kinesis, endpoint);
        Publisher publisher = new Publisher(kinesis, settings.destination(), this::notice, halt);
        try (StateStore store = StateStore.open(settings.stateDir())) {
            AggregateState state = new StateSetup(settings, store, this::notice).open(source, destination,
                    withPending -> recover(kinesis, withPending, publisher));
            EnhancedFanOut fanOut = efo == null ? null : prepareFanOut(kinesis, endpoint, async, efo);
            return read(kinesis, endpoint, fanOut, store, state, publisher, stop);
        } catch (IOException e) {
            throw new LabException(e.getMessage());
        }
    }

    private Summary read(KinesisClient kinesis, KinesisEndpoint endpoint, EnhancedFanOut fanOut, StateStore store, AggregateState state,
                         Publisher publisher, AtomicBoolean stop) {
        AggregationCore core = new AggregationCore(settings, query, engine, state);
        AtomicLong lastRecord = new AtomicLong(System.nanoTime());
        StreamTail[] tail = new StreamTail[1];
        CoreLoop loop = new CoreLoop(core, store, state, publisher, halt, status,
                () -> tail[0] == null ? 0 : tail[0].status().maxMillisBehindLatest(), settings);
        ReadingParser parser = new ReadingParser(settings.time(), settings.zone());
        tail[0] = StreamTail.builder(kinesis, settings.source())
                .from(state.start())
                .resumeFrom(state.checkpoint())
                .fanOut(fanOut)
                .deliverEmptyBatches(true)
                .recordsPerRead(settings.recordsPerRead())
                .listener(new TailListener() {
                    @Override
                    public void shardStarted(String shardId, StartPosition from) {
                        hand(loop, new CoreLoop.Started(shardId));
                    }

                    @Override
                    public void notice(String message) {
                        Aggregator.this.notice(message);
                    }
                })
                .sink(new RecordSink() {
                    @Override
                    public void deliver(RecordBatch batch) throws InterruptedException {
                        if (!batch.records().isEmpty()) {
                            lastRecord.set(System.nanoTime());
                        }
                        loop.enqueue(parser.parse(batch, System.currentTimeMillis()));
                    }

                    @Override
                    public void shardEnded(ShardEnd end) throws InterruptedException {
                        loop.enqueue(new CoreLoop.Ended(end.shardId(), end.childShardIds(), System.currentTimeMillis()));
                    }
                })
                .until(() -> loop.failure() != null || settings.idleTimeout() != null
                        && System.nanoTime() - lastRecord.get() > settings.idleTimeout().toNanos())
                .build();
        // The loop runs the queries: a platform thread with the engine's stack (see SqlThreads).
        Thread thread = Thread.ofPlatform().name("aggregate").stackSize(SqlThreads.STACK_BYTES).start(loop);
        RuntimeException tailFailure = null;
        try {
            tail[0].run(stop);
        } catch (RuntimeException e) {
            tailFailure = e;
        }
        try {
            if (loop.failure() == null) {
                loop.enqueue(CoreLoop.FINISH);
            }
            thread.join();
        } catch (InterruptedException | LabException e) {
            Thread.currentThread().interrupt();
        }
        status.finish();
        AggregationCore.Counters c = core.counters();
        Summary summary = new Summary(c.recordsIn, c.replayed, c.late, c.skipped, c.incomplete, c.windowsOut, c.rowsOut,
                core.openWindows(), loop.ingestSeconds(), store.directory());
        onSqlThread("aggregate-close", () -> {
            core.close();
            return null;
        });
        if (loop.failure() != null) {
            throw failure(loop.failure());
        }
        if (tailFailure != null) {
            throw Explain.explain(tailFailure, endpoint, settings.source());
        }
        return summary;
    }

    private static void hand(CoreLoop loop, Object message) {
        try {
            loop.enqueue(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }

    private RuntimeException failure(Throwable e) {
        if (e instanceof wildrydes.lab.sql.SqlException sql) {
            return new LabException("the query failed over a window's rows: " + sql.getMessage() + ". Nothing of that window was "
                    + "emitted; fix the query (-sql) and start again: the window is read again.");
        }
        if (e instanceof UncheckedIOException io) {
            return new LabException(io.getMessage());
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    /** Puts what a crashed run recorded but may not have put; returns the destination positions of what it put. */
    private Map<String, String> recover(KinesisClient kinesis, AggregateState state, Publisher publisher) {
        AggregateState.Pending pending = state.pending();
        notice("the last run stopped while putting " + pending.rows().size() + " rows of " + pending.windows().size()
                + " window" + (pending.windows().size() == 1 ? "" : "s") + "; reading " + settings.destination()
                + " for the ones that landed");
        List<OutputRow> missing = Reconciler.missing(kinesis, settings.destination(), pending, state.destinationPositions(), this::notice);
        notice((pending.rows().size() - missing.size()) + " of them had landed; putting the other " + missing.size());
        return publisher.put(missing);
    }

    private EnhancedFanOut prepareFanOut(KinesisClient kinesis, KinesisEndpoint endpoint, KinesisAsyncClient async, String efo) {
        try {
            return EnhancedFanOut.prepare(kinesis, async, settings.source(), efo, this::notice);
        } catch (RuntimeException e) {
            throw Explain.explain(e, endpoint, settings.source());
        }
    }

    private StreamIdentity ensureDestination(KinesisClient kinesis, KinesisEndpoint endpoint) {
        try {
            kinesis.describeStreamSummary(r -> r.streamName(settings.destination()));
        } catch (ResourceNotFoundException missing) {
            notice("stream " + settings.destination() + " does not exist at " + endpoint.describe() + ": creating it with 1 shard");
            try {
                kinesis.createStream(r -> r.streamName(settings.destination()).shardCount(1));
            } catch (ResourceInUseException createdMeanwhile) {
                // someone else created it: use it
            }
        } catch (RuntimeException e) {
            throw Explain.explain(e, endpoint, settings.destination());
        }
        Explain.requireStream(kinesis, endpoint, settings.destination());
        return identity(kinesis, endpoint, settings.destination());
    }

    private static StreamIdentity identity(KinesisClient kinesis, KinesisEndpoint endpoint, String stream) {
        try {
            StreamDescriptionSummary d = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary();
            return new StreamIdentity(stream, d.streamARN(), d.streamCreationTimestamp().toEpochMilli());
        } catch (RuntimeException e) {
            throw Explain.explain(e, endpoint, stream);
        }
    }

    /** Whether this process's stderr is a terminal (then the status line is refreshed in place). */
    public static boolean stderrIsTerminal() {
        return StatusLine.stderrIsTerminal();
    }

    /** Where a new aggregation starts: latest means the moment of its first start, also after restarts. */
    static StartPosition resolve(StartPosition from) {
        return from.type() == ShardIteratorType.LATEST ? StartPosition.atTimestamp(Instant.now()) : from;
    }

    private void notice(String message) {
        status.println("aggregate: " + message);
    }

    @Override
    public void close() {
        engine.close();
    }
}
