package wildrydes.protocol;

import java.util.Arrays;

/**
 * Decodes base64 text as strictly as AWS reads a blob: only the standard alphabet, a length
 * that is a multiple of 4, at most two padding characters and only at the end, and no bits set
 * in the last character beyond the data it carries. One pass over the parser's own characters
 * (no String, no second validating pass): it is on the path of every record written in JSON.
 */
final class CanonicalBase64 {
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    /** Why the text is refused, worded as AWS words it. */
    static final class InvalidBase64 extends Exception {
        InvalidBase64(String reason) {
            super(reason, null, false, false);
        }
    }

    private CanonicalBase64() {
    }

    static byte[] decode(char[] chars, int offset, int length) throws InvalidBase64 {
        if (length % 4 != 0) {
            throw new InvalidBase64("Base64 encoded length is expected a multiple of 4 bytes but found: " + length);
        }
        int end = offset + length;
        int padding = 0;
        while (padding < length && chars[end - 1 - padding] == '=') {
            padding++;
        }
        if (padding > 2) {
            InvalidBase64 before = firstInvalidIn(chars, offset, end - padding);
            throw before != null ? before : new InvalidBase64("Invalid last non-pad Base64 character dectected");
        }
        byte[] out = new byte[length / 4 * 3 - padding];
        int dataEnd = end - padding;
        int at = offset;
        int o = 0;
        int fullEnd = offset + (dataEnd - offset) / 4 * 4; // groups of four data characters
        while (at < fullEnd) {
            int bits = value(chars[at]) << 18 | value(chars[at + 1]) << 12 | value(chars[at + 2]) << 6 | value(chars[at + 3]);
            if (bits < 0) {
                throw invalidCharacterIn(chars, at, at + 4);
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
            at += 4;
        }
        if (padding > 0) {
            // the last group: 4 - padding data characters
            int bits = 0;
            int count = 4 - padding;
            for (int i = 0; i < count; i++) {
                int v = value(chars[at + i]);
                if (v < 0) {
                    throw invalidCharacterIn(chars, at, at + count);
                }
                bits = bits << 6 | v;
            }
            int unusedBits = padding == 1 ? 0x3 : 0xF;
            if ((bits & unusedBits) != 0) {
                throw new InvalidBase64("Invalid last non-pad Base64 character dectected");
            }
            if (padding == 1) {
                out[o++] = (byte) (bits >> 10);
                out[o] = (byte) (bits >> 2);
            } else {
                out[o] = (byte) (bits >> 4);
            }
        }
        return out;
    }

    /** A negative value marks a character outside the alphabet, so that a group's OR goes negative. */
    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    private static InvalidBase64 invalidCharacterIn(char[] chars, int from, int to) {
        InvalidBase64 invalid = firstInvalidIn(chars, from, to);
        if (invalid == null) {
            throw new IllegalStateException("no invalid character in the group");
        }
        return invalid;
    }

    /** The first character outside the alphabet ('=' included), or null. */
    private static InvalidBase64 firstInvalidIn(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value(chars[i]) < 0) {
                return new InvalidBase64("Invalid Base64 character: '" + chars[i] + "'");
            }
        }
        return null;
    }
}
