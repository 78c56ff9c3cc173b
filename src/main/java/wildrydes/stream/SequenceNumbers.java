package wildrydes.stream;

/**
 * Kinesis sequence numbers: 46 decimal digits, {@code 4} (format version), the stream's
 * creation time in epoch milliseconds (13 digits), the shard index (12 digits) and the
 * record's position in the shard log (20 digits). So they increase strictly within a shard,
 * a child shard's numbers are above its parents', and a number tells which stream and shard
 * it came from.
 */
public final class SequenceNumbers {
    public static final int LENGTH = 46;

    private SequenceNumbers() {
    }

    public static String format(long streamCreatedMillis, int shardIndex, long position) {
        byte[] digits = new byte[LENGTH];
        writeDigits(digits, streamCreatedMillis, shardIndex, position);
        return new String(digits, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Writes the 46 ASCII digits of a sequence number into {@code out}, whose length is 46. */
    public static void writeDigits(byte[] out, long streamCreatedMillis, int shardIndex, long position) {
        out[0] = '4';
        writeDecimal(out, 1, 13, streamCreatedMillis);
        writeDecimal(out, 14, 12, shardIndex);
        writePosition(out, position);
    }

    /**
     * Replaces the position (the last 20 digits) of a sequence number written by
     * {@link #writeDigits}: a writer of many records of one shard fills the rest once.
     */
    public static void writePosition(byte[] out, long position) {
        writeDecimal(out, 26, 20, position);
    }

    /** {@code value} in exactly {@code width} decimal digits, zero-padded (it fits: the format guarantees it). */
    private static void writeDecimal(byte[] out, int offset, int width, long value) {
        long rest = value;
        for (int i = offset + width - 1; i >= offset; i--) {
            out[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /** The parts of a sequence number, or null if the text is not one of ours. */
    public static Parsed parse(String text) {
        if (text == null || text.length() != LENGTH || text.charAt(0) != '4') {
            return null;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        try {
            long created = Long.parseLong(text, 1, 14, 10);
            long shard = Long.parseLong(text, 14, 26, 10);
            long position = Long.parseLong(text, 26, 46, 10);
            if (shard > Integer.MAX_VALUE || position < 0) {
                return null;
            }
            return new Parsed(created, (int) shard, position);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public record Parsed(long streamCreatedMillis, int shardIndex, long position) {
    }
}
