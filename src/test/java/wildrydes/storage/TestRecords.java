package wildrydes.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Helpers to write records and compare what is read back field by field. */
final class TestRecords {

    /** A stored record with its data as hex, so that records compare by value. */
    record Rec(long sequence, long arrivalMillis, String partitionKey, String explicitHashKey, String dataHex) {

        static Rec of(StoredRecord record) {
            return new Rec(record.sequence(), record.arrivalMillis(), record.partitionKey(), record.explicitHashKey(),
                    HexFormat.of().formatHex(record.data()));
        }

        static Rec of(long sequence, long arrivalMillis, RecordToAppend record) {
            String hashKey = record.explicitHashKey() == null || record.explicitHashKey().isEmpty() ? null : record.explicitHashKey();
            return new Rec(sequence, arrivalMillis, record.partitionKey(), hashKey, HexFormat.of().formatHex(record.data()));
        }
    }

    /** A record to append, as a caller of the log hands one over. */
    record Append(String partitionKey, String explicitHashKey, byte[] data) implements RecordToAppend {
    }

    private TestRecords() {
    }

    static RecordToAppend toAppend(String partitionKey, String explicitHashKey, byte[] data) {
        return new Append(partitionKey, explicitHashKey, data);
    }

    static RecordToAppend record(String partitionKey, String data) {
        return toAppend(partitionKey, null, data.getBytes(StandardCharsets.UTF_8));
    }

    static AppendResult append(ShardLog log, RecordToAppend... records) {
        return log.append(Arrays.asList(records)).join();
    }

    static List<Rec> views(List<StoredRecord> records) {
        return records.stream().map(Rec::of).toList();
    }

    /** Every readable record, read in pages of a few records to cross page and segment boundaries. */
    static List<Rec> readAll(ShardLog log) {
        List<Rec> all = new ArrayList<>();
        long next = 0;
        while (true) {
            ReadBatch batch = log.read(next, 97, Long.MAX_VALUE);
            batch.records().forEach(record -> all.add(Rec.of(record)));
            next = batch.nextSequence();
            if (batch.caughtUp()) {
                return all;
            }
        }
    }

    /** Bytes a record takes on disk, from the frame format. */
    static int frameBytes(RecordToAppend record) {
        int hashKey = record.explicitHashKey() == null ? 0 : record.explicitHashKey().length();
        return 4 + 4 + 8 + 8 + 2 + record.partitionKey().getBytes(StandardCharsets.UTF_8).length + 1 + hashKey + 4
                + record.data().length;
    }
}
