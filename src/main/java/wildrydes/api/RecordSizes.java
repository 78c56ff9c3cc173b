package wildrydes.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.stream.PutEntry;
import wildrydes.stream.Stream;

/** Checks records against their stream's maximum record size, in the words of a validation error. */
final class RecordSizes {
    private RecordSizes() {
    }

    static void check(Stream stream, List<PutEntry> entries, IntFunction<String> pathOf) {
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
