package wildrydes.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wildrydes.storage.MemoryShardLog;

class SequenceNumbersTest {
    private static final long CREATED = 1_764_000_000_123L;

    // ------------------------------------------------------------------ layout

    @Test
    void fiftySixDigitsInAwsLayout() {
        String text = SequenceNumbers.format(CREATED, 6, 0x6764_8a17L, 1_764_000_123_999L);
        assertThat(text).hasSize(56).matches("[1-9]\\d{55}");
        String hex = new BigInteger(text).toString(16);
        // version, creation second, index digit, counter, 00, time second, shard index, version
        assertThat(hex).isEqualTo("2" + hex9(1_764_000_000L) + "6" + "000000006764" + "8a17" + "00"
                + hex9(1_764_000_123L) + "00000006" + "2");
    }

    @Test
    void matchesTheLayoutKinesalitesRecordingsCheck() {
        // kinesalite test/helpers.js assertSequenceNumber, written against real AWS answers
        for (int shard = 0; shard < 10; shard++) {
            String hex = new BigInteger(SequenceNumbers.format(CREATED, shard, 12345, CREATED + 2000)).toString(16);
            assertThat(hex).matches("^20[0-9a-f]{8}" + shard + "[0-9a-f]{16}000[0-9a-f]{8}0000000" + shard + "2$");
            assertThat(Long.parseLong(hex.substring(2, 10), 16)).isEqualTo(CREATED / 1000);
            assertThat(Long.parseLong(hex.substring(30, 38), 16)).isEqualTo(CREATED / 1000 + 2);
        }
    }

    @Test
    void readAsTheKinesisClientLibraryReadsThem() {
        // software.amazon.kinesis.checkpoint.SequenceNumberValidator.V2SequenceNumberReader
        for (int shard : new int[] {0, 1, 15, 16, 4096, 524_302}) {
            BigInteger number = new BigInteger(SequenceNumbers.format(CREATED, shard, 7, CREATED));
            assertThat(number.bitLength()).isEqualTo(186);
            assertThat(number.shiftRight(184).longValue() & 15).isEqualTo(2);
            assertThat(number.shiftRight(4).longValue() & 0xFFFF_FFFFL).isEqualTo(shard);
        }
    }

    @Test
    void digitsWrittenInPlaceEqualBigIntegerArithmeticForAnyParts() {
        Random random = new Random(9);
        byte[] digits = new byte[SequenceNumbers.LENGTH];
        for (int i = 0; i < 20_000; i++) {
            long created = random.nextLong(0, 4_000_000_000_000L);
            int shard = i % 3 == 0 ? random.nextInt(0, 15) : random.nextInt(15, 524_303);
            long position = i < 100 ? i : random.nextLong(0, shard < 15 ? Long.MAX_VALUE - 1 : (1L << 44) - 1);
            long time = random.nextLong(0, 4_000_000_000_000L);
            SequenceNumbers.writeDigits(digits, created, shard, position, time);
            String text = new String(digits, StandardCharsets.US_ASCII);
            assertThat(text).isEqualTo(reference(created, shard, position, time).toString()).hasSize(56);
            assertThat(SequenceNumbers.format(created, shard, position, time)).isEqualTo(text);
        }
    }

    /** The layout computed the slow, obvious way. */
    private static BigInteger reference(long created, int shard, long position, long time) {
        BigInteger counter = shard < 15 ? BigInteger.valueOf(position)
                : BigInteger.valueOf(shard - 15L).shiftLeft(44).or(BigInteger.valueOf(position));
        String hex = "2" + hex9(created / 1000) + Integer.toHexString(Math.min(shard, 15))
                + String.format("%16s", counter.toString(16)).replace(' ', '0') + "00" + hex9(time / 1000)
                + String.format("%8s", Integer.toHexString(shard)).replace(' ', '0') + "2";
        return new BigInteger(hex, 16);
    }

    private static String hex9(long value) {
        return String.format("%9s", Long.toHexString(value)).replace(' ', '0');
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void roundTripsShardCreationIndexAndPosition() {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            long created = random.nextLong(1_000_000_000_000L, 4_000_000_000_000L);
            int shard = random.nextInt(0, 524_303);
            long position = random.nextLong(0, (1L << 44) - 1);
            SequenceNumbers.Parsed parsed = SequenceNumbers.parse(SequenceNumbers.format(created, shard, position, created + 5));
            assertThat(parsed).isEqualTo(new SequenceNumbers.Parsed(2, created / 1000, -1, shard, position, (created + 5) / 1000));
        }
        assertThat(SequenceNumbers.parse(SequenceNumbers.format(CREATED, 3, Long.MAX_VALUE - 2, CREATED)).position())
                .isEqualTo(Long.MAX_VALUE - 2);
    }

    @Test
    void refusesWhatTheLayoutCannotHold() {
        assertThatThrownBy(() -> SequenceNumbers.format(CREATED, 16, 1L << 44, CREATED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SequenceNumbers.format(CREATED, 15, (1L << 44) - 1, CREATED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SequenceNumbers.format(CREATED, 14, Long.MAX_VALUE - 1, CREATED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SequenceNumbers.format(CREATED, 524_303, 0, CREATED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SequenceNumbers.format(CREATED, 0, -1, CREATED)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ order

    @Test
    void increaseStrictlyWithThePositionWhateverTheTime() {
        Random random = new Random(5);
        for (int shard : new int[] {0, 7, 15, 16, 99, 500_000}) {
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                positions.add(random.nextLong(0, (1L << 44) - 1));
            }
            positions.sort(null);
            BigInteger previous = null;
            long previousPosition = -1;
            for (long position : positions) {
                // arrival times go anywhere (a clock step back, a record sealed late): the position alone orders
                BigInteger number = new BigInteger(SequenceNumbers.format(CREATED, shard, position,
                        CREATED + random.nextLong(-100_000_000, 100_000_000)));
                if (previous != null && position > previousPosition) {
                    assertThat(number).as("shard %d position %d after %d", shard, position, previousPosition).isGreaterThan(previous);
                }
                previous = number;
                previousPosition = position;
            }
        }
    }

    @Test
    void aChildShardsNumbersAreAboveAllOfItsParents() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            int parent = random.nextInt(0, 200_000);
            int child = parent + 1 + random.nextInt(i % 2 == 0 ? 20 : 300_000);
            long parentCreated = random.nextLong(1_700_000_000_000L, 1_800_000_000_000L);
            // the same second (a reshard right after the parent was made) or any later time
            long childCreated = parentCreated + (i % 3 == 0 ? random.nextLong(0, 1000 - parentCreated % 1000) : random.nextLong(0, 10_000_000));
            long parentLast = random.nextLong(0, (1L << 44) - 1);
            BigInteger parentTop = new BigInteger(SequenceNumbers.format(parentCreated, parent, parentLast, childCreated + 3_600_000));
            BigInteger childFirst = new BigInteger(SequenceNumbers.format(childCreated, child, 0, childCreated));
            assertThat(childFirst).as("child %d of %d", child, parent).isGreaterThan(parentTop);
        }
    }

    @Test
    void anEndingNumberIsAboveEveryRecordOfItsShardAndBelowEveryChild() {
        Random random = new Random(13);
        for (int i = 0; i < 5_000; i++) {
            int index = i % 2 == 0 ? random.nextInt(0, 20) : random.nextInt(0, 524_000);
            long created = random.nextLong(1_700_000_000_000L, 1_800_000_000_000L);
            Shard shard = shard(index, created);
            long closed = created + random.nextLong(0, 86_400_000);
            shard.close(0, closed);
            BigInteger ending = new BigInteger(SequenceNumbers.ending(shard));
            long last = random.nextLong(0, (1L << 44) - 1);
            assertThat(ending).isGreaterThan(new BigInteger(SequenceNumbers.format(created, index, last, closed)));
            Shard child = shard(index + 1 + random.nextInt(100), closed);
            assertThat(new BigInteger(SequenceNumbers.of(child, 0, closed))).isGreaterThan(ending);
            assertThat(SequenceNumbers.parse(SequenceNumbers.ending(shard)).position()).isEqualTo(SequenceNumbers.END_POSITION);
            assertThat(SequenceNumbers.parse(SequenceNumbers.ending(shard)).isOf(
                    new Stream("s", created, StreamStatus.ACTIVE, StreamMode.PROVISIONED, 24), shard)).isTrue();
        }
    }

    @Test
    void anEndingNumberHasTheLargestCounterAndTheClosingTimeAsAwsWritesIt() {
        // kinesalite test/mergeShards.js, recorded: a closed parent's EndingSequenceNumber has the counter 7fffffffffffffff
        Shard shard = shard(1, CREATED);
        shard.close(10, CREATED + 65_000);
        String hex = new BigInteger(SequenceNumbers.ending(shard)).toString(16);
        assertThat(hex.substring(11, 27)).isEqualTo("7fffffffffffffff");
        assertThat(Long.parseLong(hex.substring(29, 38), 16)).isEqualTo((CREATED + 65_000) / 1000);
        assertThat(Long.parseLong(hex.substring(1, 10), 16)).isEqualTo(CREATED / 1000);
    }

    @Test
    void everyNumberIsAboveEveryNumberOfTheEarlierLayout() {
        BigInteger newest = BigInteger.TEN.pow(46);
        assertThat(new BigInteger(SequenceNumbers.format(0, 0, 0, 0))).isGreaterThan(newest);
        assertThat(new BigInteger("4" + "9".repeat(45))).isLessThan(newest);
    }

    // ------------------------------------------------------------------ numbers of other provenance

    @Test
    void readsNumbersOfTheEarlierLayoutToTheSameStreamShardAndPosition() {
        String old = "4" + String.format("%013d%012d%020d", CREATED, 42, 987_654_321L);
        SequenceNumbers.Parsed parsed = SequenceNumbers.parse(old);
        assertThat(parsed.version()).isEqualTo(SequenceNumbers.LEGACY_VERSION);
        assertThat(parsed.streamCreatedMillis()).isEqualTo(CREATED);
        assertThat(parsed.shardIndex()).isEqualTo(42);
        assertThat(parsed.position()).isEqualTo(987_654_321L);
        assertThat(parsed.shardId()).isEqualTo("shardId-000000000042");
    }

    @Test
    void tellsWhichStreamAndShardANumberIsOf() {
        Stream stream = new Stream("s", CREATED, StreamStatus.ACTIVE, StreamMode.PROVISIONED, 24);
        Shard first = shard(0, CREATED);
        Shard child = shard(1, CREATED + 86_400_000);
        stream.addShard(first);
        stream.addShard(child);
        String ofFirst = SequenceNumbers.of(first, 5, CREATED + 10);
        String ofChild = SequenceNumbers.of(child, 5, CREATED + 86_400_010);
        assertThat(SequenceNumbers.parse(ofFirst).isOf(stream, first)).isTrue();
        assertThat(SequenceNumbers.parse(ofFirst).isOf(stream, child)).isFalse();
        assertThat(SequenceNumbers.parse(ofChild).isOf(stream)).isTrue();
        // a stream of the same name made again later: same shard index, another creation second
        String ofEarlierStream = SequenceNumbers.format(CREATED - 60_000, 0, 5, CREATED - 50_000);
        assertThat(SequenceNumbers.parse(ofEarlierStream).shardIndex()).isEqualTo(0);
        assertThat(SequenceNumbers.parse(ofEarlierStream).isOf(stream, first)).isFalse();
        assertThat(SequenceNumbers.parse(ofEarlierStream).isOf(stream)).isFalse();
        // numbers of the earlier layout name the stream by its creation millisecond
        String legacy = "4" + String.format("%013d%012d%020d", CREATED, 0, 5L);
        assertThat(SequenceNumbers.parse(legacy).isOf(stream, first)).isTrue();
        assertThat(SequenceNumbers.parse("4" + String.format("%013d%012d%020d", CREATED + 1, 0, 5L)).isOf(stream, first)).isFalse();
    }

    private static Shard shard(int index, long created) {
        return new Shard(index, HashKeyRange.split(1).getFirst(), null, null, created, new MemoryShardLog(java.time.Clock.systemUTC()));
    }

    @Test
    void readsAwsOlderVersionsAsKinesaliteDoes() {
        // kinesalite test/getShardIterator.js: '5' encodes shardId-000000000005 (version 0)
        SequenceNumbers.Parsed five = SequenceNumbers.parse("5");
        assertThat(five.version()).isZero();
        assertThat(five.shardId()).isEqualTo("shardId-000000000005");
        assertThat(five.position()).isEqualTo(-1);
        assertThat(SequenceNumbers.parse("0").version()).isZero();
        // a date too large is no number at all
        assertThat(SequenceNumbers.parse(new BigInteger("13bb2cc3d80000000000000000000000", 16).toString())).isNull();
        // an 8 in the counter's top digit: invalid
        assertThat(SequenceNumbers.parse(new BigInteger("20000000000800000000000000000000000000000000002", 16).toString())).isNull();
        // an 8 at the top of the shard index: a negative index
        SequenceNumbers.Parsed negative = SequenceNumbers.parse(new BigInteger("20000000000000000000000000000000000000800000002", 16).toString());
        assertThat(negative.shardId()).isEqualTo("shardId--02147483648");
        assertThat(negative.position()).isEqualTo(-1);
        // a real AWS number of version 2 (API reference example): shard 0, not one of this server's streams
        SequenceNumbers.Parsed aws = SequenceNumbers.parse("49546986683135544286507457936321625675700192471156785154");
        assertThat(aws.version()).isEqualTo(2);
        assertThat(aws.shardIndex()).isZero();
        assertThat(aws.shardCreatedSeconds()).isEqualTo(1_421_279_230L);
    }

    @Test
    void rejectsWhatIsNoSequenceNumber() {
        assertThat(SequenceNumbers.parse(null)).isNull();
        assertThat(SequenceNumbers.parse("")).isNull();
        assertThat(SequenceNumbers.parse("-5")).isNull();
        assertThat(SequenceNumbers.parse("+5")).isNull();
        assertThat(SequenceNumbers.parse("4" + "x".repeat(45))).isNull();
        assertThat(SequenceNumbers.parse("9".repeat(60))).isNull();
        assertThat(SequenceNumbers.parse("1" + "0".repeat(300))).isNull();
    }

    // ------------------------------------------------------------------ hash keys

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
                .digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
