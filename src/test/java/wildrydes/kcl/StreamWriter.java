package wildrydes.kcl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes to the stream until stopped: each round one PutRecords with one record per partition key, the data
 * {@code key:n} numbered per key. A key's next record is sent only after its previous one was acknowledged, so
 * per key the acknowledged order is n = 0, 1, 2, ...
 */
final class StreamWriter implements AutoCloseable {
    private final KinesisClient kinesis;
    private final String stream;
    private final Ledger ledger;
    private final List<String> keys = new ArrayList<>();
    private final int[] next;
    private final long pauseMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread thread;

    StreamWriter(KinesisClient kinesis, String stream, Ledger ledger, int keyCount, long pauseMillis) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.ledger = ledger;
        for (int i = 0; i < keyCount; i++) {
            keys.add("rider-" + i);
        }
        this.next = new int[keyCount];
        this.pauseMillis = pauseMillis;
        this.thread = new Thread(this::run, "kcl-test-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(keys.get(i))
                        .data(SdkBytes.fromUtf8String(keys.get(i) + ":" + next[i])).build());
            }
            try {
                PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
                for (int i = 0; i < keys.size(); i++) {
                    PutRecordsResultEntry result = response.records().get(i);
                    if (result.errorCode() == null) {
                        ledger.written.add(new Ledger.Written(keys.get(i), next[i], result.shardId(), new BigInteger(result.sequenceNumber())));
                        next[i]++;
                    } else {
                        errors.add(keys.get(i) + ":" + next[i] + " " + result.errorCode() + ": " + result.errorMessage());
                    }
                }
            } catch (RuntimeException e) {
                // Not acknowledged: the same records are sent again (any that were stored anyway are then duplicates).
                errors.add("PutRecords: " + e);
            }
            sleep(pauseMillis);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int acknowledged() {
        return ledger.written.size();
    }

    /** Stops writing and waits for the round in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        if (thread.isAlive()) {
            throw new AssertionError("the writer did not stop");
        }
    }
}
