package wildrydes.lab.consumer;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import wildrydes.lab.tail.TailListener;

/** What the consumer says on stderr: notices, and with -lag each shard's MillisBehindLatest at most every 5 s. */
final class ConsumerListener implements TailListener {
    private static final long LAG_REPORT_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean lag;
    private final Map<String, Long> lastLagReport = new ConcurrentHashMap<>();

    ConsumerListener(PrintStream err, boolean lag) {
        this.err = err;
        this.lag = lag;
    }

    @Override
    public void recordsRead(String shardId, int kinesisRecords, int userRecords, long millisBehindLatest) {
        if (!lag || millisBehindLatest < 0) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastLagReport.get(shardId);
        if (last == null || now - last > LAG_REPORT_NANOS) {
            lastLagReport.put(shardId, now);
            err.println("consumer: " + shardId + " is " + millisBehindLatest + " ms behind latest");
        }
    }

    @Override
    public void notice(String message) {
        err.println("consumer: " + message);
    }
}
