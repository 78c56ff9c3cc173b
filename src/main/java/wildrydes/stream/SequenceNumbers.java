package wildrydes.stream;

/**
 * Kinesis sequence numbers: 46 decimal digits, {@code 4} (format version), the stream's
 * creation time in epoch milliseconds (13 digits), the shard index (12 digits) and the
 * record's position in the shard log (20 digits). So they increase strictly within a shard,
 * a child shard's numbers are above its parents', and a number tells which stream and shard
 * it came from.
 */
public final class SequenceNumbers {
    private static final int LENGTH = 46;

    private SequenceNumbers() {
    }

    public static String format(long streamCreatedMillis, int shardIndex, long position) {
        StringBuilder sb = new StringBuilder(LENGTH).append('4');
        pad(sb, streamCreatedMillis, 13);
        pad(sb, shardIndex, 12);
        pad(sb, position, 20);
        return sb.toString();
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

    private static void pad(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }
}
