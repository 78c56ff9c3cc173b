package wildrydes.lab.consumer;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.RecordSink;
import wildrydes.lab.tail.TailRecord;

/**
 * The consumer's sink: prints each record as the formatter says, one shard's batch at a time
 * (lines of different shards never interleave), and sets {@code stop} once {@code max} records
 * are printed.
 */
final class PrintingSink implements RecordSink {
    private final RecordFormatter formatter;
    private final PrintStream out;
    private final long max;
    private final AtomicBoolean stop;
    private final AtomicLong printed = new AtomicLong();
    private volatile long lastRecordNanos = System.nanoTime();

    PrintingSink(RecordFormatter formatter, PrintStream out, long max, AtomicBoolean stop) {
        this.formatter = formatter;
        this.out = out;
        this.max = max;
        this.stop = stop;
    }

    @Override
    public void deliver(RecordBatch batch) {
        for (TailRecord record : batch.records()) {
            String text = formatter.format(record);
            synchronized (out) {
                if (max > 0 && printed.get() >= max) {
                    stop.set(true);
                    return;
                }
                out.println(text);
                out.flush();
                printed.incrementAndGet();
            }
            lastRecordNanos = System.nanoTime();
        }
        if (max > 0 && printed.get() >= max) {
            stop.set(true);
        }
    }

    long printed() {
        return printed.get();
    }

    long nanosSinceLastRecord() {
        return System.nanoTime() - lastRecordNanos;
    }
}
