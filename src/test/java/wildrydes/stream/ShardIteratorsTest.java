package wildrydes.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ShardIteratorsTest {
    private static final byte[] KEY = key(1);
    private final ShardIterators iterators = new ShardIterators(KEY);

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return key;
    }

    private static ShardIterators.Position position(String name) {
        return new ShardIterators.Position(name, 1_764_000_000_123L, 7, 123_456_789_012L, 1_764_000_100_000L);
    }

    @Test
    void roundTripsEverythingItCarries() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            String name = "s".repeat(1 + random.nextInt(128));
            ShardIterators.Position p = new ShardIterators.Position(name, random.nextLong(), random.nextInt(), random.nextLong(),
                    random.nextLong());
            assertThat(iterators.decode(iterators.encode(p))).isEqualTo(p);
        }
    }

    @Test
    void hasAwsLayoutAndLengths() {
        for (int length = 1; length <= 128; length++) {
            String iterator = iterators.encode(position("n".repeat(length)));
            byte[] bytes = Base64.getDecoder().decode(iterator);
            // kinesalite test/helpers.js assertShardIterator (recorded against AWS), and the length AWS gives
            assertThat(Base64.getEncoder().encodeToString(bytes)).isEqualTo(iterator);
            assertThat(Arrays.copyOf(bytes, 8)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
            assertThat((bytes.length - 152) % 16).isZero();
            assertThat(bytes.length).isEqualTo(152 + 16 * ((length + 2) / 16)).isBetween(152, 280);
            assertThat(iterator.length()).isLessThanOrEqualTo(512); // the model's limit
        }
    }

    @Test
    void isOpaqueAndNeverTheSameTwice() {
        String name = "wildrydes-stream";
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String iterator = iterators.encode(position(name));
            assertThat(seen.add(iterator)).isTrue();
            assertThat(new String(Base64.getDecoder().decode(iterator), StandardCharsets.ISO_8859_1)).doesNotContain(name);
        }
    }

    @Test
    void rejectsEveryAlteredByteAndBit() {
        String iterator = iterators.encode(position("tamper"));
        byte[] bytes = Base64.getDecoder().decode(iterator);
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = bytes.clone();
                altered[i] ^= (byte) (1 << bit);
                assertThat(iterators.decode(Base64.getEncoder().encodeToString(altered))).as("byte %d bit %d", i, bit).isNull();
            }
        }
        assertThat(iterators.decode(Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, bytes.length - 16)))).isNull();
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 16);
        assertThat(iterators.decode(Base64.getEncoder().encodeToString(longer))).isNull();
    }

    @Test
    void rejectsIteratorsOfAnotherServerAndGarbage() {
        String theirs = new ShardIterators(key(2)).encode(position("other"));
        assertThat(iterators.decode(theirs)).isNull();
        assertThat(iterators.decode("")).isNull();
        assertThat(iterators.decode("not base64 at all!")).isNull();
        assertThat(iterators.decode("AAAAAAAAAAE=")).isNull();
        // an AWS iterator (API reference, GetShardIterator example)
        assertThat(iterators.decode("AAAAAAAAAAETYyAYzd665+8e0X7JTsASDM/Hr2rSwc0X2qz93iuA3udrjTH+ikQvpQk/1ZcMMLzRdAesqwBGPnsthzU0/"
                + "CBlM/U8/8oEqGwX3pKw0XyeDNRAAZyXBo3MqkQtCpXhr942BRTjvWKhFz7OmCb2Ncfr8Tl2cBktooi6kJhr+djN5WYkB38Rr3akRgCl9qaU4dY="))
                .isNull();
    }

    @Test
    void stillReadsIteratorsOfTheEarlierLayout() throws Exception {
        ShardIterators.Position p = position("before-upgrade");
        byte[] name = p.streamName().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(2 + name.length + 28);
        body.put((byte) 1).put((byte) name.length).put(name)
                .putLong(p.streamCreatedMillis()).putInt(p.shardIndex()).putLong(p.position()).putLong(p.issuedAtMillis());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] tag = Arrays.copyOf(mac.doFinal(body.array()), 16);
        byte[] old = ByteBuffer.allocate(body.capacity() + 16).put(body.array()).put(tag).array();
        assertThat(iterators.decode(Base64.getEncoder().encodeToString(old))).isEqualTo(p);
        old[5] ^= 1;
        assertThat(iterators.decode(Base64.getEncoder().encodeToString(old))).isNull();
    }
}
