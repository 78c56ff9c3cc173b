package wildrydes.lab.kpl;

import java.math.BigInteger;

/** A shard's hash key range, both ends included, as ListShards gives it. */
public record HashKeyRange(BigInteger start, BigInteger end) {
    /** Every hash key: 0 to 2^128 - 1. */
    public static final HashKeyRange ALL = new HashKeyRange(BigInteger.ZERO, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));

    /** From the decimal strings of the API, or {@link #ALL} when the range is not known. */
    public static HashKeyRange of(String start, String end) {
        return start == null || end == null ? ALL : new HashKeyRange(new BigInteger(start), new BigInteger(end));
    }

    public boolean contains(BigInteger hashKey) {
        return hashKey.compareTo(start) >= 0 && hashKey.compareTo(end) <= 0;
    }
}
