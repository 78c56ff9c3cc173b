package wildrydes.tables.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored forms of keys and items: key bytes order as DynamoDB orders values; items read back as written. */
class KeyAndItemCodecTest {

    static AttributeValue randomScalar(Random random, String type) {
        return switch (type) {
            case "N" -> {
                int digits = 1 + random.nextInt(38);
                StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
                for (int i = 0; i < digits; i++) {
                    s.append(random.nextInt(10));
                }
                yield new AttributeValue.N(Numbers.checked(new BigDecimal(s.toString()).scaleByPowerOfTen(random.nextInt(80) - 40)));
            }
            case "S" -> {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(6);
                for (int i = 0; i < length; i++) {
                    int pick = random.nextInt(5);
                    s.appendCodePoint(switch (pick) {
                        case 0 -> 0;
                        case 1 -> 'a' + random.nextInt(3);
                        case 2 -> 0xE9;
                        case 3 -> 0xFFE0;
                        default -> 0x1F600 + random.nextInt(3);
                    });
                }
                yield new AttributeValue.S(s.toString());
            }
            default -> {
                byte[] b = new byte[random.nextInt(5)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (random.nextBoolean() ? random.nextInt(3) : 0xFE + random.nextInt(2));
                }
                yield new AttributeValue.B(Bytes.wrap(b));
            }
        };
    }

    @Test
    void sortKeyBytesOrderAsTheValuesDo() {
        Random random = new Random(42);
        for (String type : List.of("N", "S", "B")) {
            AttributeValue partition = new AttributeValue.S("p");
            for (int i = 0; i < 3000; i++) {
                AttributeValue a = randomScalar(random, type);
                AttributeValue b = randomScalar(random, type);
                int byValue = Integer.signum(Values.compare(a, b));
                int byKey = Integer.signum(Arrays.compareUnsigned(KeyCodec.key(partition, a), KeyCodec.key(partition, b)));
                assertThat(byKey).as("%s %s vs %s", type, a, b).isEqualTo(byValue);
            }
        }
    }

    @Test
    void aPartitionsKeysLieBetweenItsPrefixAndTheBoundAfterIt() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            AttributeValue partition = randomScalar(random, List.of("N", "S", "B").get(random.nextInt(3)));
            AttributeValue other = randomScalar(random, partition.type());
            byte[] prefix = KeyCodec.key(partition, null);
            byte[] end = KeyCodec.after(prefix);
            byte[] inside = KeyCodec.key(partition, randomScalar(random, "B"));
            assertThat(Arrays.compareUnsigned(inside, prefix)).isGreaterThanOrEqualTo(0);
            assertThat(Arrays.compareUnsigned(inside, end)).isLessThan(0);
            if (!other.equals(partition)) {
                byte[] outside = KeyCodec.key(other, randomScalar(random, "B"));
                boolean between = Arrays.compareUnsigned(outside, prefix) >= 0 && Arrays.compareUnsigned(outside, end) < 0;
                assertThat(between).as("%s is not in the partition of %s", other, partition).isFalse();
            }
        }
    }

    @Test
    void scanSegmentsSplitTheHashSpaceWithoutGapsOrOverlap() {
        for (int total : List.of(1, 2, 3, 7, 1000)) {
            assertThat(KeyCodec.segmentStart(0, total)).containsExactly(0, 0, 0, 0);
            for (int segment = 0; segment + 1 < total; segment++) {
                byte[] start = KeyCodec.segmentStart(segment + 1, total);
                long firstHash = KeyCodec.hashOf(start);
                assertThat(KeyCodec.segmentOf(start, total)).isEqualTo(segment + 1);
                if (firstHash > 0) {
                    byte[] before = {(byte) ((firstHash - 1) >>> 24), (byte) ((firstHash - 1) >>> 16), (byte) ((firstHash - 1) >>> 8),
                        (byte) (firstHash - 1)};
                    assertThat(KeyCodec.segmentOf(before, total)).isEqualTo(segment);
                }
            }
        }
    }

    @Test
    void itemsOfEveryTypeRoundTrip() {
        Random random = new Random(99);
        for (int i = 0; i < 500; i++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("s", randomScalar(random, "S"));
            item.put("n", randomScalar(random, "N"));
            item.put("b", randomScalar(random, "B"));
            item.put("bool", AttributeValue.Bool.of(random.nextBoolean()));
            item.put("null", AttributeValue.Null.INSTANCE);
            item.put("ss", new AttributeValue.SS(List.of("a", "b" + i)));
            item.put("ns", new AttributeValue.NS(List.of(BigDecimal.ONE, Numbers.parse("-2.5e" + (i % 50)))));
            item.put("bs", new AttributeValue.BS(List.of(Bytes.wrap(new byte[] {1}), Bytes.wrap(new byte[] {(byte) i}))));
            List<AttributeValue> list = new ArrayList<>(List.of(randomScalar(random, "N"), new AttributeValue.M(Map.of("x", randomScalar(random, "S")))));
            item.put("l", new AttributeValue.L(list));
            item.put("m", new AttributeValue.M(Map.of("deep", new AttributeValue.L(List.of(AttributeValue.Null.INSTANCE)))));
            assertThat(ItemCodec.decode(ItemCodec.encode(item))).isEqualTo(item);
        }
    }

    @Test
    void numbersKeepThirtyEightDigitsAndRefuseMore() {
        assertThat(Numbers.text(Numbers.parse("000123.4500"))).isEqualTo("123.45");
        assertThat(Numbers.text(Numbers.parse("-0.0"))).isEqualTo("0");
        assertThat(Numbers.text(Numbers.parse("1E+3"))).isEqualTo("1000");
        assertThat(Numbers.text(Numbers.parse("9.9999999999999999999999999999999999999E+125"))).startsWith("99999999999999999999999999999999999999");
        assertThatThrownBy(() -> Numbers.parse("1.23456789012345678901234567890123456789"))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
        assertThatThrownBy(() -> Numbers.parse("1e126")).hasMessageStartingWith("Number overflow.");
        assertThatThrownBy(() -> Numbers.parse("1e-131")).hasMessageStartingWith("Number underflow.");
        assertThatThrownBy(() -> Numbers.parse("+1")).hasMessage("The parameter cannot be converted to a numeric value: +1");
        assertThatThrownBy(() -> Numbers.parse("NaN")).hasMessage("The parameter cannot be converted to a numeric value: NaN");
        assertThat(Numbers.add(Numbers.parse("0.1"), Numbers.parse("0.2"))).isEqualByComparingTo("0.3");
    }
}
