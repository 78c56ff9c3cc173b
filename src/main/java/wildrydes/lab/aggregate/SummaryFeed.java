package wildrydes.lab.aggregate;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.lab.common.Explain;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.RecordSink;
import wildrydes.lab.tail.StartPosition;
import wildrydes.lab.tail.StreamTail;
import wildrydes.lab.tail.TailRecord;

/**
 * Shows what lands on the summary stream, set apart from the raw readings around it: each
 * batch of summaries (one window's, as they are put together) between two marker lines, one
 * compact JSON per line. For the demo, which prints the readings too.
 */
public final class SummaryFeed {
    private final KinesisClient kinesis;
    private final String stream;
    private final PrintStream out;
    private final AtomicLong shown = new AtomicLong();

    public SummaryFeed(KinesisClient kinesis, String stream, PrintStream out) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.out = out;
    }

    /** Prints the summaries that arrive from {@code since} on, until {@code stop}; waits for the stream to exist first. */
    public void run(Instant since, AtomicBoolean stop) {
        while (!stop.get() && !active()) {
            Explain.sleep(250);
        }
        if (stop.get()) {
            return;
        }
        StreamTail.builder(kinesis, stream)
                .from(StartPosition.atTimestamp(since))
                .sink(new RecordSink() {
                    @Override
                    public void deliver(RecordBatch batch) {
                        print(batch);
                    }
                })
                .build()
                .run(stop);
    }

    /** Summaries shown so far. */
    public long shown() {
        return shown.get();
    }

    private void print(RecordBatch batch) {
        if (batch.records().isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("\n=== ").append(batch.records().size()).append(" summar")
                .append(batch.records().size() == 1 ? "y" : "ies").append(" from ").append(stream).append(" ===\n");
        for (TailRecord record : batch.records()) {
            text.append(new String(record.data(), StandardCharsets.UTF_8).strip()).append('\n');
        }
        text.append("===\n");
        synchronized (out) {
            out.println(text);
            out.flush();
        }
        shown.addAndGet(batch.records().size());
    }

    private boolean active() {
        try {
            return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus()
                    == StreamStatus.ACTIVE;
        } catch (ResourceNotFoundException notYet) {
            return false;
        }
    }
}
