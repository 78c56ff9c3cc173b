package wildrydes.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void roundTripsStreamShardAndPosition() {
        String text = SequenceNumbers.format(1_764_000_000_123L, 42, 987_654_321L);
        assertThat(text).hasSize(46).matches("[1-9]\\d*");
        assertThat(SequenceNumbers.parse(text)).isEqualTo(new SequenceNumbers.Parsed(1_764_000_000_123L, 42, 987_654_321L));
    }

    @Test
    void digitsWrittenInPlaceMatchTheTextForAnyParts() {
        java.util.Random random = new java.util.Random(9);
        byte[] digits = new byte[SequenceNumbers.LENGTH];
        for (int i = 0; i < 5_000; i++) {
            long created = random.nextLong(0, 9_999_999_999_999L);
            int shard = random.nextInt(0, Integer.MAX_VALUE);
            long position = i < 100 ? i : random.nextLong(0, Long.MAX_VALUE);
            String expected = "4" + String.format("%013d%012d%020d", created, shard, position);
            SequenceNumbers.writeDigits(digits, created, shard, 0);
            SequenceNumbers.writePosition(digits, position);
            assertThat(new String(digits, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(expected);
            assertThat(SequenceNumbers.format(created, shard, position)).isEqualTo(expected);
        }
    }

    @Test
    void increaseWithPositionAndWithShardIndex() {
        BigInteger a = new BigInteger(SequenceNumbers.format(1L, 0, 5));
        BigInteger b = new BigInteger(SequenceNumbers.format(1L, 0, 6));
        BigInteger child = new BigInteger(SequenceNumbers.format(1L, 1, 0));
        assertThat(b).isGreaterThan(a);
        assertThat(child).isGreaterThan(b);
    }

    @Test
    void rejectsTextThatIsNotOneOfOurs() {
        assertThat(SequenceNumbers.parse("12345")).isNull();
        assertThat(SequenceNumbers.parse("5".repeat(46))).isNull();
        assertThat(SequenceNumbers.parse("4" + "x".repeat(45))).isNull();
        assertThat(SequenceNumbers.parse(null)).isNull();
    }

    @Test
    void hashKeysRouteByUnsignedComparison() throws Exception {
        HashKey top = HashKey.parse(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString());
        HashKey middle = HashKey.parse(BigInteger.ONE.shiftLeft(127).toString());
        assertThat(top).isEqualTo(HashKey.MAX);
        assertThat(top.compareTo(middle)).isPositive();
        assertThat(middle.compareTo(HashKey.ZERO)).isPositive();
        assertThat(HashKey.parse(BigInteger.ONE.shiftLeft(128).toString())).isNull();
        assertThat(HashKey.ofPartitionKey("Shadowfax").toBigInteger()).isEqualTo(md5("Shadowfax"));
        assertThat(HashKey.ofPartitionKey("Bucéphale").toBigInteger()).isEqualTo(md5("Bucéphale"));
    }

    private static BigInteger md5(String key) throws Exception {
        return new BigInteger(1, java.security.MessageDigest.getInstance("MD5")
                .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
