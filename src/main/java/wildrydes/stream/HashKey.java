package wildrydes.stream;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 128-bit unsigned hash key held in two longs, so that routing a record to its shard needs
 * no BigInteger work. A partition key's hash key is the MD5 of its UTF-8 bytes.
 */
public record HashKey(long high, long low) implements Comparable<HashKey> {
    public static final BigInteger TWO_TO_128 = BigInteger.ONE.shiftLeft(128);
    public static final HashKey MAX = new HashKey(-1L, -1L);
    public static final HashKey ZERO = new HashKey(0L, 0L);

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    });

    public static HashKey ofPartitionKey(String partitionKey) {
        byte[] digest = MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
        return new HashKey(longAt(digest, 0), longAt(digest, 8));
    }

    /** Parses a decimal hash key; null if it is outside [0, 2^128-1]. */
    public static HashKey parse(String decimal) {
        BigInteger value = new BigInteger(decimal);
        if (value.signum() < 0 || value.compareTo(TWO_TO_128) >= 0) {
            return null;
        }
        return of(value);
    }

    public static HashKey of(BigInteger value) {
        return new HashKey(value.shiftRight(64).longValue(), value.longValue());
    }

    public BigInteger toBigInteger() {
        BigInteger high = new BigInteger(Long.toUnsignedString(this.high));
        return high.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(low)));
    }

    @Override
    public int compareTo(HashKey other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
