package wildrydes.lab.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One result row as it is put on the destination: its partition key and its data (compact JSON). */
public record OutputRow(String partitionKey, byte[] data) {
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutputRow row && row.partitionKey.equals(partitionKey) && Arrays.equals(row.data, data);
    }

    @Override
    public int hashCode() {
        return partitionKey.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return partitionKey + " " + text();
    }
}
