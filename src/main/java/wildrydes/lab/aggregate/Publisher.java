package wildrydes.lab.aggregate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import wildrydes.lab.common.LabException;
import wildrydes.lab.tail.Failures;

/**
 * Puts result rows on the destination with PutRecords (at most 500 records and 5 MiB a call),
 * putting again the entries a call refused (throttled or failed) until every row has landed:
 * throttling is waited out without limit, other failures are tried again {@value Failures#MAX_IN_A_ROW}
 * times in a row. Rows go in order; one refused entry may land after later ones of its window.
 */
final class Publisher {
    static final int MAX_RECORDS = 500;
    static final long MAX_BYTES = 5L * 1024 * 1024;

    private final KinesisClient kinesis;
    private final String stream;
    private final Consumer<String> notices;
    private final HaltPoints halt;

    Publisher(KinesisClient kinesis, String stream, Consumer<String> notices, HaltPoints halt) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.notices = notices;
        this.halt = halt;
    }

    /** Puts every row; returns, per destination shard written, the largest sequence number put there. */
    Map<String, String> put(List<OutputRow> rows) {
        Map<String, String> positions = new HashMap<>();
        List<OutputRow> todo = rows;
        if (halt.armed(HaltPoints.MID_PUT) && rows.size() > 1) {
            putAll(rows.subList(0, (rows.size() + 1) / 2), positions);
            halt.reached(HaltPoints.MID_PUT);
            todo = rows.subList((rows.size() + 1) / 2, rows.size());
        }
        putAll(todo, positions);
        return positions;
    }

    private void putAll(List<OutputRow> rows, Map<String, String> positions) {
        int from = 0;
        while (from < rows.size()) {
            int to = from;
            long bytes = 0;
            while (to < rows.size() && to - from < MAX_RECORDS) {
                OutputRow row = rows.get(to);
                long size = row.data().length + row.partitionKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (to > from && bytes + size > MAX_BYTES) {
                    break;
                }
                bytes += size;
                to++;
            }
            putBatch(rows.subList(from, to), positions);
            from = to;
        }
    }

    private void putBatch(List<OutputRow> batch, Map<String, String> positions) {
        List<OutputRow> left = new ArrayList<>(batch);
        int throttled = 0;
        int failures = 0;
        while (!left.isEmpty()) {
            List<PutRecordsRequestEntry> entries = left.stream().map(row -> PutRecordsRequestEntry.builder()
                    .partitionKey(row.partitionKey()).data(SdkBytes.fromByteArrayUnsafe(row.data())).build()).toList();
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
            } catch (RuntimeException e) {
                Failures.Kind kind = Failures.classify(e);
                if (kind == Failures.Kind.FATAL || kind == Failures.Kind.TRANSIENT && ++failures > Failures.MAX_IN_A_ROW) {
                    throw e;
                }
                if (kind == Failures.Kind.TRANSIENT) {
                    notices.accept("putting " + left.size() + " rows on " + stream + " failed (" + e.getMessage() + "); trying again");
                }
                Failures.pause(Failures.backOffMillis(kind == Failures.Kind.THROTTLED ? ++throttled : failures), () -> false);
                continue;
            }
            List<OutputRow> refused = new ArrayList<>();
            boolean onlyThrottled = true;
            for (int i = 0; i < left.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                if (result.errorCode() == null) {
                    positions.merge(result.shardId(), result.sequenceNumber(), Publisher::larger);
                } else {
                    refused.add(left.get(i));
                    onlyThrottled &= "ProvisionedThroughputExceededException".equals(result.errorCode());
                }
            }
            if (!refused.isEmpty()) {
                if (onlyThrottled) {
                    throttled++;
                } else if (++failures > Failures.MAX_IN_A_ROW) {
                    throw new LabException("PutRecords on " + stream + " kept refusing " + refused.size() + " rows: "
                            + response.records().stream().filter(r -> r.errorCode() != null).findFirst().map(r -> r.errorCode()
                            + ": " + r.errorMessage()).orElse("") + ". They are kept in the state and put at the next start.");
                }
                Failures.pause(Failures.backOffMillis(onlyThrottled ? throttled : failures), () -> false);
            } else {
                throttled = 0;
                failures = 0;
            }
            left = refused;
        }
    }

    private static String larger(String a, String b) {
        return new BigInteger(a).compareTo(new BigInteger(b)) >= 0 ? a : b;
    }
}
