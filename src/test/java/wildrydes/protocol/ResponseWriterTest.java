package wildrydes.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What responses look like on the wire in both formats. */
class ResponseWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    static byte[] write(WireFormat format, Consumer<ResponseWriter> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResponseWriter writer = new ResponseWriter(format, out)) {
            assertThat(writer.format()).isEqualTo(format);
            body.accept(writer);
        }
        return out.toByteArray();
    }

    static String json(Consumer<ResponseWriter> body) {
        return new String(write(WireFormat.JSON, body), StandardCharsets.UTF_8);
    }

    /** The index just after the CBOR text string {@code key} in {@code bytes}. */
    static int afterKey(byte[] bytes, String key) {
        byte[] encoded = CborBytes.cbor().text(key).toBytes();
        outer:
        for (int i = 0; i + encoded.length <= bytes.length; i++) {
            for (int j = 0; j < encoded.length; j++) {
                if (bytes[i + j] != encoded[j]) {
                    continue outer;
                }
            }
            return i + encoded.length;
        }
        throw new AssertionError("key " + key + " not found in " + HexFormat.of().formatHex(bytes));
    }

    @Nested
    class Json {

        @Test
        void writesEveryKindOfValue() throws IOException {
            String out = json(w -> w.startObject()
                    .string("S", "text")
                    .number("N", 42)
                    .bool("B", true)
                    .blob("Data", "hello".getBytes(StandardCharsets.UTF_8))
                    .timestamp("T", 1_459_799_926_480L)
                    .startArray("List").stringValue("a").stringValue("b").endArray()
                    .startObject("Inner").string("Name", "n").endObject()
                    .nullField("Nothing")
                    .endObject());

            JsonNode tree = JSON.readTree(out);
            assertThat(tree.get("S").textValue()).isEqualTo("text");
            assertThat(tree.get("N").longValue()).isEqualTo(42);
            assertThat(tree.get("B").booleanValue()).isTrue();
            assertThat(tree.get("Data").textValue()).isEqualTo("aGVsbG8=");
            assertThat(tree.get("List")).hasSize(2);
            assertThat(tree.get("List").get(1).textValue()).isEqualTo("b");
            assertThat(tree.get("Inner").get("Name").textValue()).isEqualTo("n");
            assertThat(tree.get("Nothing").isNull()).isTrue();
        }

        @Test
        void writesBlobsAsStandardBase64WithoutLineBreaks() throws IOException {
            byte[] data = new byte[1000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7);
            }
            String out = json(w -> w.startObject().blob("Data", data).endObject());

            String encoded = JSON.readTree(out).get("Data").textValue();
            assertThat(encoded).isEqualTo(java.util.Base64.getEncoder().encodeToString(data));
            assertThat(out).doesNotContain("\\n", "\n", "-", "_");
        }

        @Test
        void writesEmptyBlobAsEmptyString() {
            assertThat(json(w -> w.startObject().blob("Data", new byte[0]).endObject())).isEqualTo("{\"Data\":\"\"}");
        }

        @Test
        void writesTimestampsAsEpochSecondsWithAFraction() {
            assertThat(json(w -> w.startObject().timestamp("T", 1_459_799_926_480L).endObject()))
                    .isEqualTo("{\"T\":1459799926.480}");
            assertThat(json(w -> w.startObject().timestamp("T", 1_459_799_926_000L).endObject()))
                    .isEqualTo("{\"T\":1459799926.000}");
            assertThat(json(w -> w.startObject().timestamp("T", 1_459_799_926_007L).endObject()))
                    .isEqualTo("{\"T\":1459799926.007}");
        }

        @Test
        void writesTimestampsExactlyAsTheirDecimalValueForAnyMillis() {
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < 10_000; i++) {
                long millis = i < 2000 ? i : random.nextLong(0, 4_102_444_800_000L);
                assertThat(ResponseWriter.epochSecondsText(millis)).isEqualTo(java.math.BigDecimal.valueOf(millis, 3).toPlainString());
            }
        }

        @Test
        void neverWritesTimestampsInExponentNotation() {
            assertThat(json(w -> w.startObject().timestamp("T", 0L).endObject())).doesNotContainIgnoringCase("e");
            assertThat(json(w -> w.startObject().timestamp("T", 5L).endObject())).isEqualTo("{\"T\":0.005}");
        }

        @Test
        void leavesOutNullStrings() {
            assertThat(json(w -> w.startObject().string("Missing", null).string("S", "x").endObject()))
                    .isEqualTo("{\"S\":\"x\"}");
        }

        @Test
        void escapesStrings() throws IOException {
            String tricky = "quote \" backslash \\ newline \n tab \t control \u0001 unicode \u00e9\uD83D\uDE00";
            String out = json(w -> w.startObject().string("S", tricky).endObject());
            assertThat(JSON.readTree(out).get("S").textValue()).isEqualTo(tricky);
        }

        @Test
        void writesAnEmptyObject() {
            assertThat(json(w -> w.startObject().endObject())).isEqualTo("{}");
        }
    }

    @Nested
    class Cbor {

        @Test
        void writesEveryKindOfValueReadableAsCbor() throws IOException {
            byte[] out = write(WireFormat.CBOR, w -> w.startObject()
                    .string("S", "text")
                    .number("N", 42)
                    .bool("B", false)
                    .blob("Data", new byte[]{1, 2, 3})
                    .startArray("List").stringValue("a").endArray()
                    .startObject("Inner").string("Name", "n").endObject()
                    .endObject());

            JsonNode tree = CBOR.readTree(out);
            assertThat(tree.get("S").textValue()).isEqualTo("text");
            assertThat(tree.get("N").longValue()).isEqualTo(42);
            assertThat(tree.get("B").booleanValue()).isFalse();
            assertThat(tree.get("Data").isBinary()).isTrue();
            assertThat(tree.get("Data").binaryValue()).containsExactly(1, 2, 3);
            assertThat(tree.get("List").get(0).textValue()).isEqualTo("a");
            assertThat(tree.get("Inner").get("Name").textValue()).isEqualTo("n");
        }

        @Test
        void writesBlobsAsByteStrings() {
            byte[] out = write(WireFormat.CBOR, w -> w.startObject().blob("Data", new byte[]{9, 8, 7}).endObject());
            int at = afterKey(out, "Data");
            assertThat(out[at] & 0xFF).as("major type 2, length 3").isEqualTo(0x43);
            assertThat(out[at + 1]).isEqualTo((byte) 9);
            assertThat(out[at + 3]).isEqualTo((byte) 7);
        }

        @Test
        void writesTimestampsAsTagOneAndIntegerMilliseconds() {
            long millis = 1_459_799_926_480L;
            byte[] out = write(WireFormat.CBOR, w -> w.startObject().timestamp("T", millis).endObject());

            int at = afterKey(out, "T");
            assertThat(out[at] & 0xFF).as("tag 1").isEqualTo(0xC1);
            int head = out[at + 1] & 0xFF;
            assertThat(head >>> 5).as("an unsigned integer, never a float (major type 7)").isZero();
            assertThat(head).as("8-byte argument").isEqualTo(0x1B);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (out[at + 2 + i] & 0xFF);
            }
            assertThat(value).isEqualTo(millis);
        }

        @Test
        void writesSmallTimestampsAsIntegersToo() {
            byte[] out = write(WireFormat.CBOR, w -> w.startObject().timestamp("T", 1000L).endObject());
            int at = afterKey(out, "T");
            assertThat(out[at] & 0xFF).isEqualTo(0xC1);
            assertThat((out[at + 1] & 0xFF) >>> 5).isZero();
        }

        @Test
        void writesTimestampsThatJacksonReadsBackAsTaggedIntegers() throws IOException {
            byte[] out = write(WireFormat.CBOR, w -> w.startObject().timestamp("T", 1_700_000_000_123L).endObject());
            try (var parser = new CBORFactory().createParser(out)) {
                parser.nextToken();
                parser.nextToken();
                assertThat(parser.nextToken()).isEqualTo(com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT);
                assertThat(parser.getCurrentTag()).isEqualTo(1);
                assertThat(parser.getLongValue()).isEqualTo(1_700_000_000_123L);
            }
        }

        @Test
        void roundTripsThroughTheDecoder() {
            byte[] out = write(WireFormat.CBOR, w -> w.startObject()
                    .string("S", "x")
                    .blob("Data", new byte[]{5})
                    .timestamp("T", 1_600_000_000_999L)
                    .endObject());

            Struct s = TestShapes.cbor(out);

            assertThat(s.string("S")).isEqualTo("x");
            assertThat(s.blob("Data")).containsExactly(5);
            assertThat(s.timestamp("T").epochMillis()).isEqualTo(1_600_000_000_999L);
        }

        @Test
        void writesTextStringsAsCborText() {
            byte[] out = write(WireFormat.CBOR, w -> w.startObject().string("S", "abc").endObject());
            int at = afterKey(out, "S");
            assertThat(out[at] & 0xFF).as("major type 3, length 3").isEqualTo(0x63);
        }
    }

    @Nested
    class ContentTypes {

        @Test
        void mapsContentTypesToFormats() {
            assertThat(WireFormat.fromContentType("application/x-amz-json-1.1")).isEqualTo(WireFormat.JSON);
            assertThat(WireFormat.fromContentType("application/x-amz-cbor-1.1")).isEqualTo(WireFormat.CBOR);
            assertThat(WireFormat.fromContentType("Application/X-Amz-Json-1.1; charset=UTF-8")).isEqualTo(WireFormat.JSON);
            assertThat(WireFormat.fromContentType(" application/x-amz-cbor-1.1 ;")).isEqualTo(WireFormat.CBOR);
        }

        @Test
        void rejectsOtherContentTypes() {
            assertThat(WireFormat.fromContentType(null)).isNull();
            assertThat(WireFormat.fromContentType("")).isNull();
            assertThat(WireFormat.fromContentType("text/plain")).isNull();
            assertThat(WireFormat.fromContentType("application/x-amz-json-1.0")).isNull();
            assertThat(WireFormat.fromContentType("application/cbor")).isNull();
        }

        @Test
        void answersWithTheAwsContentTypes() {
            assertThat(WireFormat.JSON.contentType()).isEqualTo("application/x-amz-json-1.1");
            assertThat(WireFormat.CBOR.contentType()).isEqualTo("application/x-amz-cbor-1.1");
        }
    }
}
