package wildrydes.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * How big the records written to a stream may be, in one place. A record's data may be as large
 * as its stream's maximum record size (MaxRecordSizeInKiB: 1 MiB unless raised, at most 10 MiB);
 * larger data is refused in the words of AWS's validation of the data member. A PutRecords call
 * may carry up to 5 MiB of data and partition keys, or one record of the stream's maximum when
 * that is larger. What a record counts for in request totals, throughput and metrics is its
 * data plus its partition key ({@link #bytes}).
 */
public final class RecordSizes {
    /** The least a stream's maximum may be set to, which is also its default. */
    public static final int SMALLEST_MAX_RECORD_SIZE_KIB = StreamSettings.DEFAULT_MAX_RECORD_SIZE_KIB;
    public static final int LARGEST_MAX_RECORD_SIZE_KIB = 10240;
    /** The largest record data any stream takes: the bound of the data member in the API model. */
    public static final int MAX_RECORD_BYTES = LARGEST_MAX_RECORD_SIZE_KIB * 1024;
    /** The data and partition keys of one PutRecords call. */
    public static final long MAX_PUT_RECORDS_BYTES = 5L * 1024 * 1024;

    private RecordSizes() {
    }

    /** The size a record counts for: data bytes plus partition key characters. */
    static long bytes(PutEntry entry) {
        return entry.data().length + entry.partitionKey().length();
    }

    static void checkPutRecord(Stream stream, PutEntry entry) {
        checkEach(stream, List.of(entry), i -> "data");
    }

    static void checkPutRecords(Stream stream, List<PutEntry> entries) {
        checkEach(stream, entries, i -> "records." + (i + 1) + ".member.data");
        long total = 0;
        for (PutEntry entry : entries) {
            total += bytes(entry);
        }
        long limit = Math.max(MAX_PUT_RECORDS_BYTES, stream.settings().maxRecordBytes());
        if (total > limit) {
            throw KinesisException.invalidArgument("Records size exceeds " + limit + " bytes limit: this request's "
                    + "data and partition keys add up to " + total + " bytes. Send fewer or smaller records per call.");
        }
    }

    /** Each record's data against the stream's maximum; up to 10 violations in one ValidationException, as AWS lists them. */
    private static void checkEach(Stream stream, List<PutEntry> entries, IntFunction<String> pathOf) {
        long max = stream.settings().maxRecordBytes();
        List<String> errors = new ArrayList<>(0);
        for (int i = 0; i < entries.size() && errors.size() < 10; i++) {
            int length = entries.get(i).data().length;
            if (length > max) {
                errors.add("Value 'java.nio.HeapByteBuffer[pos=0 lim=" + length + " cap=" + length + "]' at '" + pathOf.apply(i)
                        + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
            }
        }
        if (!errors.isEmpty()) {
            throw new KinesisException(ErrorCode.ValidationException, errors.size() + " validation error"
                    + (errors.size() > 1 ? "s" : "") + " detected: " + String.join("; ", errors));
        }
    }
}
