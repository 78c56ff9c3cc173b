package wildrydes.tables.item;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Keys as byte strings whose unsigned order is DynamoDB's order, so an ordered map of them
 * serves Query and Scan directly:
 *
 * <pre>
 * key       = hash:4 bytes  partition:component  [sort:component]
 * component = S: utf8 escaped | B: bytes escaped | N: number    (each one prefix-free)
 * escaped   = each 0x00 as 0x00 0xFF, then 0x00 0x00
 * number    = 0x01 (negative) ~exponent:2 (9 - digit)* 0xFF | 0x02 (zero) | 0x03 (positive) exponent:2 digit* 0x00
 * </pre>
 *
 * The first four bytes are an MD5 of the partition value, so a Scan returns partitions in hash
 * order (as DynamoDB does) and scan segments are slices of the hash space. Within a partition,
 * sort keys order as DynamoDB orders them: numbers by value, strings by UTF-8 bytes, binary
 * unsigned byte by byte.
 */
public final class KeyCodec {
    public static final int HASH_BYTES = 4;

    private KeyCodec() {
    }

    /** The stored key of an item or key with this partition value and (for a composite key) sort value. */
    public static byte[] key(AttributeValue partition, AttributeValue sort) {
        Out out = new Out();
        byte[] hash = hash(partition);
        out.write(hash, 0, HASH_BYTES);
        component(out, partition);
        if (sort != null) {
            component(out, sort);
        }
        return out.toByteArray();
    }

    /** The stored key followed by more components (a secondary index entry ends with the table's key). */
    public static byte[] append(byte[] prefix, AttributeValue... components) {
        Out out = new Out();
        out.write(prefix, 0, prefix.length);
        for (AttributeValue c : components) {
            if (c != null) {
                component(out, c);
            }
        }
        return out.toByteArray();
    }

    /** The encoded partition prefix followed by one encoded component (a sort key value). */
    public static byte[] withComponent(byte[] prefix, AttributeValue value) {
        return append(prefix, value);
    }

    /**
     * The prefix followed by the encoding of a string or binary value without its terminator:
     * every component whose value begins with {@code value} starts with these bytes.
     */
    public static byte[] withComponentPrefix(byte[] prefix, AttributeValue value) {
        Out out = new Out();
        out.write(prefix, 0, prefix.length);
        byte[] raw = switch (value) {
            case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
            case AttributeValue.B b -> b.value().array();
            default -> throw new IllegalArgumentException("begins_with applies to S and B, not " + value.type());
        };
        for (byte b : raw) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        return out.toByteArray();
    }

    /** The first key of a scan segment: the smallest hash in it. */
    public static byte[] segmentStart(int segment, int total) {
        long numerator = (long) segment << 32;
        long hash = numerator / total + (numerator % total == 0 ? 0 : 1);
        return new byte[] {(byte) (hash >>> 24), (byte) (hash >>> 16), (byte) (hash >>> 8), (byte) hash};
    }

    /** The first key of the segment after this one, or null for the last segment. */
    public static byte[] segmentEnd(int segment, int total) {
        return segment + 1 >= total ? null : segmentStart(segment + 1, total);
    }

    /**
     * The smallest byte string greater than every key that starts with {@code prefix}: the prefix
     * without its trailing 0xFF bytes, its last byte plus one (null if there is none: no bound).
     */
    public static byte[] after(byte[] prefix) {
        int end = prefix.length;
        while (end > 0 && prefix[end - 1] == (byte) 0xFF) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        byte[] next = java.util.Arrays.copyOf(prefix, end);
        next[end - 1]++;
        return next;
    }

    /** The partition hash as an unsigned number in [0, 2^32), for scan segments. */
    public static long hashOf(byte[] key) {
        return ((key[0] & 0xFFL) << 24) | ((key[1] & 0xFFL) << 16) | ((key[2] & 0xFFL) << 8) | (key[3] & 0xFFL);
    }

    /** The scan segment (of {@code total}) that the key belongs to. */
    public static int segmentOf(byte[] key, int total) {
        return (int) ((hashOf(key) * total) >>> 32);
    }

    private static byte[] hash(AttributeValue partition) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) partition.type().charAt(0));
            md5.update(raw(partition));
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static byte[] raw(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
            case AttributeValue.B b -> b.value().array();
            case AttributeValue.N n -> n.text().getBytes(StandardCharsets.US_ASCII);
            default -> throw new IllegalArgumentException("Key values are S, N or B, not " + value.type());
        };
    }

    private static void component(Out out, AttributeValue value) {
        switch (value) {
            case AttributeValue.S s -> escaped(out, s.value().getBytes(StandardCharsets.UTF_8));
            case AttributeValue.B b -> escaped(out, b.value().array());
            case AttributeValue.N n -> number(out, n.value());
            default -> throw new IllegalArgumentException("Key values are S, N or B, not " + value.type());
        }
    }

    private static void escaped(Out out, byte[] bytes) {
        for (byte b : bytes) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(0);
    }

    private static void number(Out out, BigDecimal n) {
        int sign = n.signum();
        if (sign == 0) {
            out.write(0x02);
            return;
        }
        String digits = n.unscaledValue().abs().toString();
        int exponent = n.precision() - n.scale() - 1 + 0x8000; // of the leading digit, biased to stay positive
        if (sign > 0) {
            out.write(0x03);
            out.write(exponent >>> 8);
            out.write(exponent);
            for (int i = 0; i < digits.length(); i++) {
                out.write(digits.charAt(i) - '0' + 1);
            }
            out.write(0x00);
        } else {
            // Larger magnitudes are smaller numbers: complement the exponent and every digit.
            out.write(0x01);
            int inverted = 0xFFFF - exponent;
            out.write(inverted >>> 8);
            out.write(inverted);
            for (int i = 0; i < digits.length(); i++) {
                out.write(10 - (digits.charAt(i) - '0'));
            }
            out.write(0xFF);
        }
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(48);
        }
    }
}
