package wildrydes.lab.aggregate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.TailRecord;

/**
 * The aggregation itself, on one thread: takes parsed batches in, puts each row into its
 * window (a record whose window has ended by the watermark is late and left out), keeps the
 * watermark and the positions to read again from, and closes windows: runs the query over each
 * and turns the result into output rows. No I/O but DuckDB's; the caller records and puts.
 */
final class AggregationCore implements AutoCloseable {
    /** Windows closed together: their starts (in order) and their output rows (window by window, in query order). */
    record Closed(List<Long> windows, List<OutputRow> rows, long closedThrough) {
    }

    /** Rows per close step at most (more windows wait for the next step), keeping the recorded state small. */
    static final int MAX_ROWS_PER_STEP = 100_000;

    private final AggregateSettings settings;
    private final AggregateQuery query;
    private final WindowTables tables;
    private final long size;
    private final TreeMap<Long, WindowTables.Table> open = new TreeMap<>();
    private final Watermarks watermarks;
    private final ReplayPositions positions;
    private final Map<String, ShardPosition> replayUntil;
    private final Counters counters = new Counters();
    private long closedThrough;

    AggregationCore(AggregateSettings settings, AggregateQuery query, SqlEngine engine, AggregateState state) {
        this.settings = settings;
        this.query = query;
        this.tables = new WindowTables(engine, settings.zone());
        this.size = settings.windowMillis();
        this.watermarks = new Watermarks(settings.time().arrival(), settings.watermarkDelayMillis(), state.watermark());
        this.positions = new ReplayPositions(state.checkpoint());
        this.replayUntil = new HashMap<>(state.readThrough());
        this.closedThrough = state.closedThrough();
    }

    void started(String shardId) {
        watermarks.started(shardId);
        positions.started(shardId);
    }

    void ended(String shardId, List<String> children, long now) {
        watermarks.ended(shardId, children, now);
        positions.ended(shardId, children);
    }

    /** Takes a batch in: each row goes to its window, unless that window has ended. */
    void ingest(ParsedBatch batch) throws SQLException {
        Watermarks.Shard shard = watermarks.shard(batch.shardId);
        ShardPosition before = positions.read(batch.shardId);
        ShardPosition replayEnd = replayUntil.get(batch.shardId);
        counters.skipped += batch.skipped();
        counters.incomplete += batch.incomplete;
        if (batch.firstProblem != null) {
            counters.problem(batch.firstProblem);
        }
        WindowTables.Table table = null;
        for (int row = 0; row < batch.rows; row++) {
            int index = batch.recordIndex[row];
            TailRecord tailRecord = batch.records.get(index);
            boolean replayed = replayEnd != null && replayEnd.covers(new BigInteger(tailRecord.sequenceNumber()), tailRecord.subSequenceNumber());
            if (replayEnd != null && !replayed) {
                replayUntil.remove(batch.shardId);
                replayEnd = null;
            }
            long time = settings.time().arrival() ? batch.arrivalMillis[row] : batch.eventMillis[row];
            long window = Math.floorDiv(time, size) * size;
            if (window + size <= watermarks.current()) {
                if (replayed) {
                    counters.replayed++;
                } else {
                    counters.late++;
                }
            } else {
                if (table == null || table.start != window) {
                    table = open.get(window);
                    if (table == null) {
                        table = tables.open(window);
                        open.put(window, table);
                    }
                }
                if (!positions.knows(batch.shardId, window)) {
                    positions.recordIn(batch.shardId, window, index == 0 ? before : batch.records.get(index - 1).position());
                }
                tables.append(table, batch, row);
                if (replayed) {
                    counters.replayed++;
                } else {
                    counters.recordsIn++;
                }
            }
            watermarks.observe(shard, time, batch.receivedAtMillis);
        }
        positions.read(batch.shardId, batch.end);
        watermarks.batchDone(shard, batch.caughtUp(), batch.receivedAtMillis, batch.rows > 0);
    }

    /** The watermark now, moving it on with the clock where the time mode allows. */
    long watermark(long now) {
        return watermarks.current(now);
    }

    /** Whether some open window has ended. */
    boolean hasReady(long now) {
        return !open.isEmpty() && open.firstKey() + size <= watermarks.current(now);
    }

    /**
     * Closes the windows that have ended by the watermark (up to {@link #MAX_ROWS_PER_STEP}
     * rows): runs the query over each and drops its rows. Null when none has ended.
     */
    Closed closeReady(long now) {
        long mark = watermarks.current(now);
        List<Long> windows = new ArrayList<>();
        List<OutputRow> rows = new ArrayList<>();
        long taken = 0;
        while (!open.isEmpty() && open.firstKey() + size <= mark && (windows.isEmpty() || taken + open.firstEntry().getValue().rows
                <= MAX_ROWS_PER_STEP)) {
            WindowTables.Table table = open.pollFirstEntry().getValue();
            taken += table.rows;
            long start = table.start;
            long startWall = wall(start);
            List<ObjectNode> result = tables.close(table, query.text(), startWall, wall(start + size));
            rows.addAll(OutputRows.of(result, query.keyIndex()));
            windows.add(start);
            closedThrough = Math.max(closedThrough, start + size);
        }
        if (windows.isEmpty()) {
            return null;
        }
        positions.closed(windows);
        counters.windowsOut += windows.size();
        counters.rowsOut += rows.size();
        return new Closed(windows, rows, closedThrough);
    }

    /**
     * The watermark to record: the current one, unless windows that have ended are still open
     * (more than one step's rows), which must not count as ended after a restart.
     */
    long recordableWatermark() {
        long mark = watermarks.current();
        if (!open.isEmpty() && open.firstKey() + size <= mark) {
            return open.firstKey() + size - 1;
        }
        return mark;
    }

    long closedThrough() {
        return closedThrough;
    }

    /** Where to read again from after a restart: the open windows' records come again. */
    Checkpoint replayCheckpoint() {
        return positions.safe();
    }

    Map<String, ShardPosition> readThrough() {
        return new TreeMap<>(positions.readThrough());
    }

    int openWindows() {
        return open.size();
    }

    long openRows() {
        return open.values().stream().mapToLong(t -> t.rows).sum();
    }

    Counters counters() {
        return counters;
    }

    /** Arrival-time windows are instants, written in the zone; event-time windows are wall-clock already. */
    private long wall(long windowTime) {
        return settings.time().arrival() ? windowTime + LabTime.offsetMillis(settings.zone(), windowTime) : windowTime;
    }

    /** Drops the open windows: their records are read again at the next start. */
    @Override
    public void close() {
        open.values().forEach(tables::discard);
        open.clear();
    }

    /** What the status line and the summary report. Read by other threads: values may lag a little. */
    static final class Counters {
        volatile long recordsIn;
        volatile long replayed;
        volatile long late;
        volatile long skipped;
        volatile long incomplete;
        volatile long windowsOut;
        volatile long rowsOut;
        private volatile String lastProblem;
        private long problems;

        void problem(String text) {
            lastProblem = text;
            problems++;
        }

        /** A new problem to warn about (at most the first few, then every 1,000th); null if none. */
        String takeWarning() {
            String text = lastProblem;
            lastProblem = null;
            return text;
        }
    }
}
