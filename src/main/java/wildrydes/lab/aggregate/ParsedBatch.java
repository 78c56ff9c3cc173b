package wildrydes.lab.aggregate;

import java.util.List;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.TailRecord;

/**
 * One delivered batch, its readings parsed into columns (on the shard's own thread, so shards
 * parse in parallel) for the aggregation thread to append. Rows are the records that parsed;
 * {@link #recordIndex} says which record each came from. A NULL column value is a bit in
 * {@link #nulls}.
 */
final class ParsedBatch {
    static final int NULL_STATUS_TIME = 1;
    static final int NULL_LATITUDE = 1 << 1;
    static final int NULL_LONGITUDE = 1 << 2;
    static final int NULL_DISTANCE = 1 << 3;
    static final int NULL_MAGIC = 1 << 4;
    static final int NULL_HEALTH = 1 << 5;

    final String shardId;
    final List<TailRecord> records;
    final ShardPosition end;
    final long millisBehindLatest;
    final boolean shardEnd;
    final long receivedAtMillis;

    int rows;
    final int[] recordIndex;
    final String[] name;
    final long[] statusTimeMicros;
    final double[] latitude;
    final double[] longitude;
    final double[] distance;
    final int[] magicPoints;
    final int[] healthPoints;
    final byte[] nulls;
    final long[] arrivalMillis;
    /** Event time (wall-clock milliseconds) when windows follow a field; unused for arrival time. */
    final long[] eventMillis;

    /** Records left out: not a JSON object, no text Name, no readable event time. */
    int notJson;
    int noName;
    int noEventTime;
    /** Rows with at least one NULL column (a field missing or of the wrong type). */
    int incomplete;
    /** The first problem seen, for a warning; null if none. */
    String firstProblem;

    ParsedBatch(RecordBatch batch, long receivedAtMillis) {
        this.shardId = batch.shardId();
        this.records = batch.records();
        this.end = batch.end();
        this.millisBehindLatest = batch.millisBehindLatest();
        this.shardEnd = batch.shardEnd();
        this.receivedAtMillis = receivedAtMillis;
        int n = records.size();
        recordIndex = new int[n];
        name = new String[n];
        statusTimeMicros = new long[n];
        latitude = new double[n];
        longitude = new double[n];
        distance = new double[n];
        magicPoints = new int[n];
        healthPoints = new int[n];
        nulls = new byte[n];
        arrivalMillis = new long[n];
        eventMillis = new long[n];
    }

    boolean isNull(int row, int column) {
        return (nulls[row] & column) != 0;
    }

    /**
     * Whether the read found the shard's tip: nothing newer was in the shard when it was answered.
     * Not at the end of a closed shard: what came since its reshard is in the children, which may
     * not have been read yet (a backlog, a restart), so the clock must not move its watermark on.
     */
    boolean caughtUp() {
        return millisBehindLatest == 0 && !shardEnd;
    }

    int skipped() {
        return notJson + noName + noEventTime;
    }

    void problem(String text) {
        if (firstProblem == null) {
            firstProblem = text;
        }
    }
}
