package wildrydes.lab.archive;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import wildrydes.lab.tail.TailListener;
import wildrydes.lab.tail.TailStatus;

/**
 * What the archive says on stderr: each object written (at most one line a second, the rest are
 * counted in the summary), a summary every 10 seconds (delivered, buffered, lag) and the tail's
 * notices. Also tracks when the last record came, for -timeout.
 */
final class ArchiveProgress implements TailListener, Archiver.Events {
    private static final long OBJECT_LINE_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final AtomicLong lastRecordNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong firstRecordNanos = new AtomicLong();
    private volatile long lastDeliveryNanos;
    private volatile long lastObjectLine;
    private volatile String lastObject;
    private volatile long lastDeliveryMillis;
    private final AtomicLong runRecords = new AtomicLong();
    private final AtomicLong runObjects = new AtomicLong();
    private final AtomicLong runBytes = new AtomicLong();

    ArchiveProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void recordsRead(String shardId, int kinesisRecords, int userRecords, long millisBehindLatest) {
        if (userRecords > 0) {
            long now = System.nanoTime();
            lastRecordNanos.set(now);
            firstRecordNanos.compareAndSet(0, now);
        }
    }

    @Override
    public void shardStarted(String shardId, wildrydes.lab.tail.StartPosition from) {
        err.println("archive: reading " + shardId + " from " + from.describe());
    }

    @Override
    public void shardFinished(String shardId) {
        err.println("archive: " + shardId + " was read to its end (resharded)");
    }

    @Override
    public void notice(String message) {
        err.println("archive: " + message);
    }

    @Override
    public void delivered(DeliveryReport report) {
        runRecords.addAndGet(report.records());
        runObjects.addAndGet(report.keys().size());
        runBytes.addAndGet(report.bytes());
        lastObject = report.keys().getLast();
        lastDeliveryMillis = System.currentTimeMillis();
        long now = System.nanoTime();
        lastDeliveryNanos = now;
        if (now - lastObjectLine >= OBJECT_LINE_NANOS) {
            lastObjectLine = now;
            for (String key : report.keys()) {
                err.println("archive: wrote " + key + " (" + Sizes.count(report.records()) + " records, "
                        + Sizes.bytes(report.objectBytes()) + ")");
            }
        }
    }

    long nanosSinceLastRecord() {
        return System.nanoTime() - lastRecordNanos.get();
    }

    String lastObject() {
        return lastObject;
    }

    void summary(Archiver.Buffered buffered, TailStatus tail) {
        StringBuilder line = new StringBuilder("archive: ").append(Sizes.count(runRecords.get())).append(" records delivered in ")
                .append(Sizes.count(runObjects.get())).append(" objects (").append(Sizes.bytes(runBytes.get())).append(") so far; ")
                .append(Sizes.count(buffered.records())).append(" buffered");
        if (buffered.records() > 0) {
            line.append(" (").append(Sizes.bytes(buffered.bytes())).append(", oldest ")
                    .append(Sizes.millis(Math.max(0, System.currentTimeMillis() - buffered.oldestArrivalMillis()))).append(')');
        }
        line.append("; ").append(Sizes.millis(tail.maxMillisBehindLatest())).append(" behind latest");
        err.println(line);
    }

    /** From the first record read to the last one; 0 before any. */
    long readingNanos() {
        long first = firstRecordNanos.get();
        return first == 0 ? 0 : Math.max(0, lastRecordNanos.get() - first);
    }

    /** From the first record read to the last delivery of this run; 0 before both. */
    long deliveringNanos() {
        long first = firstRecordNanos.get();
        return first == 0 || lastDeliveryNanos == 0 ? 0 : Math.max(0, lastDeliveryNanos - first);
    }

    long runRecords() {
        return runRecords.get();
    }

    long runObjects() {
        return runObjects.get();
    }

    long runBytes() {
        return runBytes.get();
    }
}
