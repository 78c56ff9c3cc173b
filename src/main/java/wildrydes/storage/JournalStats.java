package wildrydes.storage;

import java.util.concurrent.atomic.AtomicLong;

/** What the journal did since the store was opened, for {@code /metrics}. */
final class JournalStats {

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final RateWindow recent = new RateWindow();
    private volatile long replayedEntries;
    private volatile long replayedBytes;

    void committed(int entryCount, long recordCount, long byteCount) {
        commits.incrementAndGet();
        entries.addAndGet(entryCount);
        records.addAndGet(recordCount);
        bytes.addAndGet(byteCount);
        recent.add(System.currentTimeMillis(), 1, recordCount);
    }

    void checkpointed() {
        checkpoints.incrementAndGet();
    }

    void recovered(JournalRecovery.Result result) {
        replayedEntries = result.entries();
        replayedBytes = result.bytes();
    }

    /** Group commits: one fdatasync of the journal each. */
    long commits() {
        return commits.get();
    }

    long entries() {
        return entries.get();
    }

    long records() {
        return records.get();
    }

    long bytesWritten() {
        return bytes.get();
    }

    long checkpoints() {
        return checkpoints.get();
    }

    long replayedEntries() {
        return replayedEntries;
    }

    long replayedBytes() {
        return replayedBytes;
    }

    /** Records per group commit over the last seconds. */
    double recordsPerCommit(long nowMillis) {
        return recent.weightPerEvent(nowMillis);
    }

    double commitsPerSecond(long nowMillis) {
        return recent.perSecond(nowMillis);
    }
}
