package wildrydes.stream;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of hash keys owned by one shard. */
public record HashKeyRange(HashKey start, HashKey end) {

    public boolean contains(HashKey key) {
        return key.compareTo(start) >= 0 && key.compareTo(end) <= 0;
    }

    /** N even ranges as AWS makes them: range i starts at floor(2^128/N)·i; the last ends at 2^128−1. */
    public static List<HashKeyRange> split(int count) {
        BigInteger width = HashKey.TWO_TO_128.divide(BigInteger.valueOf(count));
        List<HashKeyRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1 ? HashKey.TWO_TO_128.subtract(BigInteger.ONE)
                    : width.multiply(BigInteger.valueOf(i + 1)).subtract(BigInteger.ONE);
            ranges.add(new HashKeyRange(HashKey.of(start), HashKey.of(end)));
        }
        return ranges;
    }
}
