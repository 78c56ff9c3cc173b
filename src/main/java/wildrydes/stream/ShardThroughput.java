package wildrydes.stream;

/**
 * A shard's traffic in the current second and the last complete one: records and bytes
 * written, GetRecords calls and bytes read. Used to enforce the per-shard limits when asked
 * and to scale on-demand streams. Cheap: a few field updates under the shard's own lock.
 */
final class ShardThroughput {
    static final int WRITE_RECORDS_PER_SECOND = 1000;
    static final long WRITE_BYTES_PER_SECOND = 1024 * 1024;
    static final int READ_CALLS_PER_SECOND = 5;
    static final long READ_BYTES_PER_SECOND = 2 * 1024 * 1024;

    private long second = -1;
    private long records;
    private long bytes;
    private long readCalls;
    private long readBytes;
    private long lastRecords;
    private long lastBytes;

    private void roll(long nowMillis) {
        long now = nowMillis / 1000;
        if (now != second) {
            boolean consecutive = now == second + 1;
            lastRecords = consecutive ? records : 0;
            lastBytes = consecutive ? bytes : 0;
            second = now;
            records = 0;
            bytes = 0;
            readCalls = 0;
            readBytes = 0;
        }
    }

    /** Counts a write; with {@code enforce}, refuses it (returns false) if it would go over the limits. */
    synchronized boolean tryWrite(long nowMillis, int recordCount, long byteCount, boolean enforce) {
        roll(nowMillis);
        if (enforce && (records + recordCount > WRITE_RECORDS_PER_SECOND || bytes + byteCount > WRITE_BYTES_PER_SECOND)) {
            return false;
        }
        records += recordCount;
        bytes += byteCount;
        return true;
    }

    /** Counts a GetRecords call; with {@code enforce}, refuses it past 5 calls or 2 MiB read in the second. */
    synchronized boolean tryRead(long nowMillis, boolean enforce) {
        roll(nowMillis);
        if (enforce && (readCalls >= READ_CALLS_PER_SECOND || readBytes >= READ_BYTES_PER_SECOND)) {
            return false;
        }
        readCalls++;
        return true;
    }

    synchronized void countRead(long nowMillis, long byteCount) {
        roll(nowMillis);
        readBytes += byteCount;
    }

    /** How full the last complete second was, as a fraction of the write limit (the larger of records and bytes). */
    synchronized double lastSecondWriteLoad(long nowMillis) {
        roll(nowMillis);
        return Math.max(lastRecords / (double) WRITE_RECORDS_PER_SECOND, lastBytes / (double) WRITE_BYTES_PER_SECOND);
    }
}
