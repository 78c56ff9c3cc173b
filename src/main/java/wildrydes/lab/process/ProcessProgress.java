package wildrydes.lab.process;

import java.io.PrintStream;
import java.util.List;
import wildrydes.lab.process.mapping.MappingListener;
import wildrydes.lab.tail.TailListener;
import wildrydes.lab.tail.TailRecord;

/**
 * Progress on stderr: a line per batch (at most one a second; the rest are counted into the
 * summary), every failure, bisection and discard, and a summary every 10 seconds with the
 * iterator age. Feeds the {@link FunctionMetrics} too.
 */
final class ProcessProgress implements MappingListener, TailListener {
    private final PrintStream err;
    private final String function;
    private final FunctionMetrics metrics;
    private long lastBatchLine;
    private long windowInvocations;
    private long windowRecords;
    private long windowErrors;

    ProcessProgress(PrintStream err, String function, FunctionMetrics metrics) {
        this.err = err;
        this.function = function;
        this.metrics = metrics;
    }

    @Override
    public void invoked(String shardId, List<TailRecord> batch, InvocationResult result, long iteratorAgeMillis, String outcome) {
        long now = System.currentTimeMillis();
        metrics.invocation(now, batch.size(), result.failed(), result.durationMillis(), iteratorAgeMillis);
        synchronized (this) {
            windowInvocations++;
            windowRecords += batch.size();
            if (result.failed()) {
                windowErrors++;
            }
            boolean line = outcome != null || now - lastBatchLine >= 1000;
            if (!line) {
                return;
            }
            if (outcome == null) {
                lastBatchLine = now;
            }
        }
        String what = batch.isEmpty() ? "final invoke of the window" : batch.size() + (batch.size() == 1 ? " record" : " records");
        String answer = outcome != null ? (result.failed() ? "failed: " : "") + outcome : shorten(result.payloadText());
        err.println("process: " + shardId + ": " + what + " -> " + function + " in " + result.durationMillis() + " ms: " + answer
                + " (iterator age " + iteratorAgeMillis + " ms)");
    }

    @Override
    public void bisected(String shardId, int size) {
        err.println("process: " + shardId + ": the batch of " + size + " failed; split into " + size / 2 + " and " + (size - size / 2)
                + " records (BisectBatchOnFunctionError)");
    }

    @Override
    public void discarded(String shardId, List<TailRecord> records, String condition) {
        metrics.discarded(records.size());
        err.println("process: " + shardId + ": " + condition + ": discarded " + records.size() + " records, sequence numbers "
                + records.getFirst().sequenceNumber() + " to " + records.getLast().sequenceNumber());
    }

    @Override
    public void notice(String message) {
        err.println("process: " + message);
    }

    @Override
    public void shardStarted(String shardId, wildrydes.lab.tail.StartPosition from) {
        err.println("process: reading " + shardId + " from " + describe(from));
    }

    @Override
    public void shardFinished(String shardId) {
        err.println("process: " + shardId + " read to its end and processed (closed by a reshard)");
    }

    private static String describe(wildrydes.lab.tail.StartPosition from) {
        return switch (from.type()) {
            case AFTER_SEQUENCE_NUMBER -> "after " + from.sequenceNumber();
            case AT_SEQUENCE_NUMBER -> "at " + from.sequenceNumber();
            case AT_TIMESTAMP -> "records that arrived from " + from.timestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            default -> from.type().toString();
        };
    }

    /** The summary of the last period, or null when nothing happened; resets the period. */
    synchronized String summary(long iteratorAgeMillis) {
        if (windowInvocations == 0) {
            return null;
        }
        String line = "process: " + windowInvocations + " invocations, " + windowRecords + " records, " + windowErrors + " errors in the "
                + "last 10 s; iterator age " + iteratorAgeMillis + " ms; " + metrics.records() + " records, " + metrics.errors()
                + " errors since the start";
        windowInvocations = 0;
        windowRecords = 0;
        windowErrors = 0;
        return line;
    }

    private static String shorten(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 120 ? flat.substring(0, 120) + "..." : flat;
    }
}
