package wildrydes.stream;

import java.math.BigInteger;

/**
 * Kinesis sequence numbers in AWS's own layout: 56 decimal digits that are, in hexadecimal, 47
 * digits (188 bits) of
 * <pre>
 *  hex digits  bits  field
 *  0           4     version, 2
 *  1-9         36    the shard's creation time, epoch seconds
 *  10          4     the shard index, capped at 15 (see below)
 *  11-26       64    a per-shard counter: the record's position in the shard log
 *  27-28       8     0 (AWS writes 00 here)
 *  29-37       36    the time, epoch seconds: the record's arrival (the shard's creation for
 *                    its StartingSequenceNumber, its closing for its EndingSequenceNumber)
 *  38-45       32    the shard index
 *  46          4     version, 2
 * </pre>
 * That is the layout real AWS numbers decode to, that kinesalite and kinesis-mock reproduce,
 * and that the Kinesis Client Library reads ({@code SequenceNumberValidator}: version 2 at bit
 * 184, shard index at bits 4 to 35 of a number 186 bits long).
 *
 * <p>Order: within a shard the numbers increase strictly with the position, whatever the time.
 * A child shard's numbers are above all of its parents': a child is created no earlier than its
 * parents (given a clock that does not run back), and within one second its higher index
 * decides. For that, digit 10 is the index up to 15 (AWS writes the index there; real numbers
 * show it for shards 0 to 15, none are known above) and a shard from index 15 on carries
 * {@code index - 15} in the counter's top 19 bits, above a 44-bit position. So shards 0 to 14
 * hold 2^63 records, later ones 2^44 (17.6 trillion) each.
 *
 * <p>A closed shard's EndingSequenceNumber is, as AWS's (kinesalite's recordings of a merge),
 * the number with the largest counter, {@code 7fffffffffffffff}, and the closing time: above
 * every record of the shard. From index 15 on the counter is the largest position under the
 * index. Read back, it means "after the last record" ({@link #END_POSITION}).
 *
 * <p>A number names its shard (the index) and, by the shard's creation second, its stream: a
 * number from another shard or stream is recognised as such.
 *
 * <p>Numbers written before this layout (by earlier versions of this server) are 46 digits:
 * {@code 4}, the stream's creation time in epoch milliseconds (13 digits), the shard index (12)
 * and the position (20). They keep their meaning: {@link #parse} reads them to the same stream,
 * shard and position, so a checkpoint holding one (a KCL lease, say) still works in
 * GetShardIterator AT/AFTER_SEQUENCE_NUMBER and SubscribeToShard. Storage never held sequence
 * numbers (it keeps positions, see {@code wildrydes.storage.StoredRecord}), so old data reads
 * back with new numbers. Every 56-digit number is above every 46-digit one, so a checkpoint
 * taken before the upgrade compares below the records written after it.
 *
 * <p>{@link #parse} also reads AWS's older versions 0 and 1 as kinesalite does, so that a number
 * of another provenance is told apart as AWS tells it apart.
 */
public final class SequenceNumbers {
    /** Digits in a sequence number of the current layout. */
    public static final int LENGTH = 56;
    /** Digits in a sequence number written by earlier versions of this server. */
    public static final int LEGACY_LENGTH = 46;

    /** {@link Parsed#version()} of a 46-digit number of an earlier version of this server. */
    public static final int LEGACY_VERSION = 4;

    static final int POSITION_BITS = 44;
    /** Where an EndingSequenceNumber points: past any record, and one more still fits in a long. */
    public static final long END_POSITION = Long.MAX_VALUE - 1;
    private static final long END_COUNTER = Long.MAX_VALUE;
    private static final long MAX_POSITION_FROM_15 = (1L << POSITION_BITS) - 1;
    private static final long MAX_SECONDS = (1L << 36) - 1;
    private static final long MASK_32 = 0xFFFF_FFFFL;
    private static final long BILLION = 1_000_000_000L;
    private static final BigInteger TWO_124 = BigInteger.ONE.shiftLeft(124);
    private static final BigInteger TWO_129 = BigInteger.ONE.shiftLeft(129);
    private static final BigInteger TWO_185 = BigInteger.ONE.shiftLeft(185);
    private static final BigInteger TWO_185_AND_HALF = TWO_185.add(TWO_185.shiftRight(1));
    /** kinesalite's bound on the creation seconds AWS accepts (about the year 2477). */
    private static final long MAX_CREATION_SECONDS = 16_025_175_000L;

    private SequenceNumbers() {
    }

    /** The number of the record at {@code position} in a shard; {@code timeMillis} goes into the time field. */
    public static String format(long shardCreatedMillis, int shardIndex, long position, long timeMillis) {
        byte[] digits = new byte[LENGTH];
        writeDigits(digits, shardCreatedMillis, shardIndex, position, timeMillis);
        return new String(digits, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The number of the record at {@code position} of the shard. */
    public static String of(Shard shard, long position, long timeMillis) {
        return format(shard.createdMillis(), shard.index(), position, timeMillis);
    }

    /** A closed shard's EndingSequenceNumber: the largest counter, the closing time. */
    public static String ending(Shard shard) {
        byte[] digits = new byte[LENGTH];
        long counter = shard.index() < 15 ? END_COUNTER : (shard.index() - 15L) << POSITION_BITS | MAX_POSITION_FROM_15;
        writeCounter(digits, shard.createdMillis(), shard.index(), counter, shard.closedMillis());
        return new String(digits, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Writes the {@link #LENGTH} ASCII digits of a sequence number into {@code out}, whose length is at least that. */
    public static void writeDigits(byte[] out, long shardCreatedMillis, int shardIndex, long position, long timeMillis) {
        writeCounter(out, shardCreatedMillis, shardIndex, counter(shardIndex, position), timeMillis);
    }

    private static void writeCounter(byte[] out, long shardCreatedMillis, int shardIndex, long counter, long timeMillis) {
        long created = seconds(shardCreatedMillis);
        long time = seconds(timeMillis);
        long lo = 2L | (shardIndex & MASK_32) << 4 | (time & ((1L << 28) - 1)) << 36;
        long mid = time >>> 28 | (counter & ((1L << 48) - 1)) << 16;
        long hi = counter >>> 48 | (long) Math.min(shardIndex, 15) << 16 | created << 20 | 2L << 56;
        writeDecimal(out, hi, mid, lo);
    }

    private static long counter(int shardIndex, long position) {
        if (shardIndex < 0 || position < 0) {
            throw new IllegalArgumentException("no sequence number for shard " + shardIndex + " position " + position);
        }
        if (shardIndex < 15) {
            if (position >= END_POSITION) {
                throw new IllegalStateException("shard " + shardIndex + " is past what a sequence number can hold");
            }
            return position;
        }
        long high = shardIndex - 15L;
        if (high >= 1L << (63 - POSITION_BITS) || position >= MAX_POSITION_FROM_15) {
            throw new IllegalStateException("shard " + shardIndex + " at position " + position
                    + " is past what a sequence number can hold (index 524,302, 2^44 - 1 records)");
        }
        return high << POSITION_BITS | position;
    }

    private static long seconds(long millis) {
        return Math.min(MAX_SECONDS, Math.max(0, Math.floorDiv(millis, 1000)));
    }

    /** The 192-bit unsigned {@code hi:mid:lo} in exactly {@link #LENGTH} decimal digits (the layout guarantees 56). */
    private static void writeDecimal(byte[] out, long hi, long mid, long lo) {
        long a = hi >>> 32, b = hi & MASK_32, c = mid >>> 32, d = mid & MASK_32, e = lo >>> 32, f = lo & MASK_32;
        int end = LENGTH;
        while (end > 0) {
            long r = a % BILLION;
            a /= BILLION;
            long x = r << 32 | b;
            b = x / BILLION;
            x = (x % BILLION) << 32 | c;
            c = x / BILLION;
            x = (x % BILLION) << 32 | d;
            d = x / BILLION;
            x = (x % BILLION) << 32 | e;
            e = x / BILLION;
            x = (x % BILLION) << 32 | f;
            f = x / BILLION;
            r = x % BILLION;
            for (int k = 0; k < 9 && end > 0; k++) {
                out[--end] = (byte) ('0' + r % 10);
                r /= 10;
            }
        }
    }

    /**
     * The parts of a sequence number, or null if it is no sequence number at all (AWS answers
     * such a number "is invalid"): not decimal digits, or of no version AWS knows, or with a
     * counter or a date out of range.
     */
    public static Parsed parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 200) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        if (text.length() == LEGACY_LENGTH && text.charAt(0) == '4') {
            return parseLegacy(text);
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(TWO_124) < 0) {
            value = value.add(TWO_124);
        }
        String hex = value.toString(16);
        if (value.compareTo(TWO_129) < 0) {
            return parseVersion0(hex);
        }
        if (value.compareTo(TWO_185) > 0 && value.compareTo(TWO_185_AND_HALF) < 0) {
            return switch (hex.charAt(hex.length() - 1)) {
                case '2' -> parseVersion2(hex);
                case '1' -> new Parsed(1, Long.parseLong(hex, 1, 10, 16), -1, Long.parseLong(hex, 38, 46, 16), -1,
                        Long.parseLong(hex, 13, 22, 16));
                default -> null;
            };
        }
        return null;
    }

    private static Parsed parseLegacy(String text) {
        long created = Long.parseLong(text, 1, 14, 10);
        long shard = Long.parseLong(text, 14, 26, 10);
        long position = Long.parseLong(text, 26, 46, 10);
        if (shard > Integer.MAX_VALUE || position < 0) {
            return null;
        }
        return new Parsed(LEGACY_VERSION, Math.floorDiv(created, 1000), created, shard, position, -1);
    }

    private static Parsed parseVersion0(String hex) {
        long created = Long.parseLong(hex, 1, 10, 16);
        if (created >= MAX_CREATION_SECONDS) {
            return null;
        }
        return new Parsed(0, created, -1, Long.parseLong(hex, 28, 32, 16), -1, -1);
    }

    private static Parsed parseVersion2(String hex) {
        if (Character.digit(hex.charAt(11), 16) > 7) {
            return null; // "Sequence index too high"
        }
        long created = Long.parseLong(hex, 1, 10, 16);
        if (created >= MAX_CREATION_SECONDS) {
            return null;
        }
        long shard = Long.parseLong(hex, 38, 46, 16);
        if (shard > Integer.MAX_VALUE) {
            shard = -shard; // AWS reads a top bit here as a minus sign: "It encodes shardId--02147483648"
        }
        long counter = Long.parseLong(hex, 11, 27, 16);
        int digit = Character.digit(hex.charAt(10), 16);
        long position = -1;
        if (shard >= 0 && shard < 15 && digit == shard) {
            position = counter == END_COUNTER ? END_POSITION : counter;
        } else if (shard >= 15 && digit == 15 && counter >>> POSITION_BITS == shard - 15) {
            position = counter & MAX_POSITION_FROM_15;
            position = position == MAX_POSITION_FROM_15 ? END_POSITION : position;
        }
        return new Parsed(2, created, -1, shard, position, Long.parseLong(hex, 29, 38, 16));
    }

    /**
     * What a sequence number encodes.
     *
     * @param version             2 (AWS's current layout, ours), 0 or 1 (AWS's older ones), or
     *                            {@link #LEGACY_VERSION} (this server's 46 digits)
     * @param shardCreatedSeconds the shard's creation second (for a legacy number: the stream's)
     * @param streamCreatedMillis a legacy number's stream creation time, else -1
     * @param shardIndex          the shard index it encodes, negative where AWS reads it so
     * @param position            the record's position in the shard log, or -1 if the number does
     *                            not carry one in our layout
     * @param timeSeconds         the time field (versions 1 and 2: the record's arrival), epoch
     *                            seconds, or -1 where the layout has none
     */
    public record Parsed(int version, long shardCreatedSeconds, long streamCreatedMillis, long shardIndex, long position,
                         long timeSeconds) {

        /** The shard id it encodes, as AWS writes it in messages ({@code shardId--02147483648} for a negative one). */
        public String shardId() {
            String digits = Long.toString(Math.abs(shardIndex));
            int width = shardIndex < 0 ? 11 : 12;
            return "shardId-" + (shardIndex < 0 ? "-" : "") + "0".repeat(Math.max(0, width - digits.length())) + digits;
        }

        /** Whether it is a number this server gave out for that shard of that stream (so {@link #position} is its position). */
        public boolean isOf(Stream stream, Shard shard) {
            if (position < 0 || shardIndex != shard.index()) {
                return false;
            }
            if (version == LEGACY_VERSION) {
                return streamCreatedMillis == stream.createdMillis();
            }
            return version == 2 && shardCreatedSeconds == Math.floorDiv(shard.createdMillis(), 1000);
        }

        /** Whether it is a number this server gave out for some shard of the stream. */
        public boolean isOf(Stream stream) {
            Shard shard = shardIndex < 0 || shardIndex > Integer.MAX_VALUE ? null : stream.shard((int) shardIndex);
            return shard != null && isOf(stream, shard);
        }
    }
}
