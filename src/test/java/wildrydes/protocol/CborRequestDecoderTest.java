package wildrydes.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.protocol.CborBytes.cbor;
import static wildrydes.protocol.TestShapes.serializationMessage;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Decoding CBOR 1.1 request bodies (the AWS SDK for Java's default): definite and indefinite
 * lengths, byte-string blobs and tag-1 timestamps.
 */
class CborRequestDecoderTest {
    private static final CBORFactory FACTORY = new CBORFactory();

    private interface Writes {
        void to(CBORGenerator g) throws IOException;
    }

    private static byte[] jackson(Writes writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            writes.to(g);
        }
        return out.toByteArray();
    }

    private static int majorType(byte b) {
        return (b & 0xFF) >>> 5;
    }

    @Nested
    class Serialisation {

        @Test
        void decodesIndefiniteLengthMapsAndArraysWrittenByJackson() throws IOException {
            byte[] body = jackson(g -> {
                g.writeStartObject();
                g.writeStringField("S", "text");
                g.writeNumberField("I", 42);
                g.writeNumberField("L", Long.MIN_VALUE);
                g.writeBooleanField("B", false);
                g.writeFieldName("Data");
                g.writeBinary(new byte[]{0, 1, (byte) 0xFF});
                g.writeFieldName("List");
                g.writeStartArray();
                g.writeString("a");
                g.writeString("b");
                g.writeEndArray();
                g.writeFieldName("Map");
                g.writeStartObject();
                g.writeStringField("k", "v");
                g.writeEndObject();
                g.writeFieldName("Entries");
                g.writeStartArray();
                g.writeStartObject();
                g.writeStringField("Name", "e1");
                g.writeNumberField("Count", 5);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            });
            assertThat(body[0] & 0xFF).as("Jackson writes an indefinite-length map by default").isEqualTo(0xBF);
            assertThat(body[body.length - 1] & 0xFF).isEqualTo(0xFF);

            Struct s = TestShapes.cbor(body);

            assertThat(s.string("S")).isEqualTo("text");
            assertThat(s.longValue("I")).isEqualTo(42L);
            assertThat(s.longValue("L")).isEqualTo(Long.MIN_VALUE);
            assertThat(s.bool("B")).isFalse();
            assertThat(s.blob("Data")).containsExactly(0, 1, 0xFF);
            assertThat(s.<String>list("List")).containsExactly("a", "b");
            assertThat(s.map("Map")).containsExactly(Map.entry("k", "v"));
            List<Struct> entries = s.list("Entries");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).string("Name")).isEqualTo("e1");
            assertThat(entries.get(0).longValue("Count")).isEqualTo(5L);
        }

        @Test
        void decodesDefiniteLengthMapsAndArraysWrittenByJackson() throws IOException {
            byte[] body = jackson(g -> {
                g.writeStartObject(null, 3);
                g.writeStringField("S", "text");
                g.writeFieldName("List");
                g.writeStartArray(null, 2);
                g.writeString("a");
                g.writeString("b");
                g.writeEndArray();
                g.writeFieldName("Inner");
                g.writeStartObject(null, 1);
                g.writeStringField("Name", "n");
                g.writeEndObject();
                g.writeEndObject();
            });
            assertThat(body[0] & 0xFF).as("a definite-length map of 3").isEqualTo(0xA3);
            assertThat(body).doesNotContain((byte) 0xBF, (byte) 0x9F);

            Struct s = TestShapes.cbor(body);

            assertThat(s.string("S")).isEqualTo("text");
            assertThat(s.<String>list("List")).containsExactly("a", "b");
            assertThat(s.struct("Inner").string("Name")).isEqualTo("n");
        }

        @Test
        void decodesHandWrittenIndefiniteLengthMapsAndArrays() {
            byte[] body = cbor()
                    .mapStart()
                    .text("List").arrayStart().text("a").text("b").text("c").end()
                    .text("Map").mapStart().text("k1").text("v1").text("k2").text("v2").end()
                    .text("Inner").mapStart().text("Name").text("n").end()
                    .text("Entries").arrayStart().mapStart().text("Name").text("x").end().end()
                    .end()
                    .toBytes();
            assertThat(body[0] & 0xFF).isEqualTo(0xBF);

            Struct s = TestShapes.cbor(body);

            assertThat(s.<String>list("List")).containsExactly("a", "b", "c");
            assertThat(s.map("Map")).containsExactly(Map.entry("k1", "v1"), Map.entry("k2", "v2"));
            assertThat(s.struct("Inner").string("Name")).isEqualTo("n");
            assertThat(s.<Struct>list("Entries").get(0).string("Name")).isEqualTo("x");
        }

        @Test
        void decodesEmptyIndefiniteAndDefiniteContainers() {
            Struct s = TestShapes.cbor(cbor().mapStart().text("List").arrayStart().end().text("Map").map(0).end().toBytes());
            assertThat(s.<String>list("List")).isEmpty();
            assertThat(s.map("Map")).isEmpty();
            assertThat(TestShapes.cbor(cbor().map(0).toBytes()).toString()).isEqualTo("{}");
            assertThat(TestShapes.cbor(cbor().mapStart().end().toBytes()).toString()).isEqualTo("{}");
        }

        @Test
        void decodesMixedDefiniteAndIndefiniteNesting() {
            byte[] body = cbor()
                    .map(2)
                    .text("Entries").arrayStart().map(1).text("Name").text("a").mapStart().text("Name").text("b").end().end()
                    .text("List").array(1).text("z")
                    .toBytes();

            Struct s = TestShapes.cbor(body);

            assertThat(s.<Struct>list("Entries")).extracting(e -> e.string("Name")).containsExactly("a", "b");
            assertThat(s.<String>list("List")).containsExactly("z");
        }

        @Test
        void decodesChunkedTextStrings() {
            byte[] body = cbor().mapStart()
                    .text("S").textStart().text("ab").text("").text("c\u00e9").end()
                    .end().toBytes();
            assertThat(TestShapes.cbor(body).string("S")).isEqualTo("abc\u00e9");
        }

        @Test
        void decodesChunkedMemberNames() {
            byte[] body = cbor().mapStart().textStart().text("Na").text("me").end().text("n").end().toBytes();
            assertThat(TestShapes.cbor(body, TestShapes.ENTRY).string("Name")).isEqualTo("n");
        }

        @Test
        void decodesIntegersOfEveryWidth() {
            assertThat(TestShapes.cbor(cbor().map(1).text("L").uint(23).toBytes()).longValue("L")).isEqualTo(23L);
            assertThat(TestShapes.cbor(cbor().map(1).text("L").uint(255).toBytes()).longValue("L")).isEqualTo(255L);
            assertThat(TestShapes.cbor(cbor().map(1).text("L").uint(65_535).toBytes()).longValue("L")).isEqualTo(65_535L);
            assertThat(TestShapes.cbor(cbor().map(1).text("L").uint(4_000_000_000L).toBytes()).longValue("L"))
                    .isEqualTo(4_000_000_000L);
            assertThat(TestShapes.cbor(cbor().map(1).text("L").uint64(7).toBytes()).longValue("L")).isEqualTo(7L);
            assertThat(TestShapes.cbor(cbor().map(1).text("L").integer(-500).toBytes()).longValue("L")).isEqualTo(-500L);
        }

        @Test
        void treatsNullAndUndefinedAsAbsent() {
            byte[] body = cbor().mapStart()
                    .text("S").nul()
                    .text("Data").nul()
                    .text("T").undefined()
                    .text("List").nul()
                    .text("Inner").nul()
                    .end().toBytes();

            Struct s = TestShapes.cbor(body);

            assertThat(s.toString()).isEqualTo("{}");
        }

        @Test
        void skipsUnknownMembersOfAnyType() {
            byte[] body = cbor().mapStart()
                    .text("u-bytes").bytes(new byte[]{1, 2, 3})
                    .text("u-chunked-bytes").bytesStart().bytes(new byte[]{1}).bytes(new byte[]{2}).end()
                    .text("u-chunked-text").textStart().text("a").text("b").end()
                    .text("u-tagged").tag(1).uint(1_459_799_926_480L)
                    .text("u-tagged-array").tag(258).arrayStart().uint(1).end()
                    .text("u-bignum").tag(2).bytes(new byte[]{1, 0, 0, 0, 0, 0, 0, 0, 0})
                    .text("u-negative").integer(-1_000_000)
                    .text("u-half").half(0x3C00)
                    .text("u-float").float32(1.5f)
                    .text("u-double").float64(-2.25)
                    .text("u-true").bool(true)
                    .text("u-null").nul()
                    .text("u-undefined").undefined()
                    .text("u-array").array(2).mapStart().text("S").text("inner S").end().arrayStart().end()
                    .text("u-map").map(1).text("k").mapStart().text("deeper").array(0).end()
                    .text("S").text("kept")
                    .end().toBytes();

            Struct s = TestShapes.cbor(body);

            assertThat(s.string("S")).isEqualTo("kept");
            assertThat(s.toString()).isEqualTo("{S=kept}");
        }
    }

    @Nested
    class Blobs {

        @Test
        void decodesDefiniteByteStrings() {
            byte[] data = new byte[1000];
            Arrays.fill(data, (byte) 0xAB);
            assertThat(TestShapes.cbor(cbor().map(1).text("Data").bytes(data).toBytes()).blob("Data")).isEqualTo(data);
        }

        @Test
        void decodesEmptyByteString() {
            assertThat(TestShapes.cbor(cbor().map(1).text("Data").bytes(new byte[0]).toBytes()).blob("Data")).isEmpty();
        }

        @Test
        void decodesChunkedByteStrings() {
            byte[] body = cbor().mapStart().text("Data")
                    .bytesStart().bytes(new byte[]{1, 2}).bytes(new byte[0]).bytes(new byte[]{3}).end()
                    .end().toBytes();
            assertThat(TestShapes.cbor(body).blob("Data")).containsExactly(1, 2, 3);
        }

        @Test
        void decodesByteStringsInsideLists() {
            Shape shape = Shape.structure(Member.optional("Blobs", Shape.list(Shape.blob())));
            byte[] body = cbor().map(1).text("Blobs").arrayStart().bytes(new byte[]{9}).bytes(new byte[]{8, 7}).end().toBytes();

            List<byte[]> blobs = TestShapes.cbor(body, shape).list("Blobs");

            assertThat(blobs).hasSize(2);
            assertThat(blobs.get(0)).containsExactly(9);
            assertThat(blobs.get(1)).containsExactly(8, 7);
        }

        @Test
        void decodesBase64TextAsABlobToo() {
            assertThat(TestShapes.cbor(cbor().map(1).text("Data").text("aGVsbG8=").toBytes()).blob("Data"))
                    .asString(StandardCharsets.UTF_8).isEqualTo("hello");
        }

        @Test
        void rejectsInvalidBase64TextWithTheJsonMessage() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("Data").text("23456").toBytes())))
                    .isEqualTo("'23456' can not be converted to a Blob: "
                            + "Base64 encoded length is expected a multiple of 4 bytes but found: 5");
        }
    }

    @Nested
    class Timestamps {

        @Test
        void readsTagOneWithIntegerEpochMilliseconds() {
            byte[] body = cbor().map(1).text("T").tag(1).uint(1_459_799_926_480L).toBytes();
            assertThat(body).containsSequence((byte) 0xC1, (byte) 0x1B);
            assertThat(TestShapes.cbor(body).timestamp("T").epochMillis()).isEqualTo(1_459_799_926_480L);
        }

        @Test
        void readsTagOneWithIntegerMillisecondsWrittenByJackson() throws IOException {
            byte[] body = jackson(g -> {
                g.writeStartObject();
                g.writeFieldName("T");
                g.writeTag(1);
                g.writeNumber(1_700_000_000_123L);
                g.writeEndObject();
            });
            assertThat(TestShapes.cbor(body).timestamp("T").epochMillis()).isEqualTo(1_700_000_000_123L);
        }

        @Test
        void readsTagOneWithSmallIntegerMilliseconds() {
            byte[] body = cbor().map(1).text("T").tag(1).uint(1500).toBytes();
            assertThat(TestShapes.cbor(body).timestamp("T").epochMillis()).isEqualTo(1500L);
        }

        @Test
        void readsTagOneWithFloatEpochSeconds() {
            byte[] body = cbor().map(1).text("T").tag(1).float64(1_459_799_926.25).toBytes();
            assertThat(body).containsSequence((byte) 0xC1, (byte) 0xFB);
            assertThat(TestShapes.cbor(body).timestamp("T").epochMillis()).isEqualTo(1_459_799_926_250L);
        }

        @Test
        void readsTagOneWithWholeFloatEpochSeconds() {
            byte[] body = cbor().map(1).text("T").tag(1).float64(1_459_799_926.0).toBytes();
            assertThat(TestShapes.cbor(body).timestamp("T").epochMillis()).isEqualTo(1_459_799_926_000L);
        }

        @Test
        void readsTaggedTimestampsInsideNestedStructures() {
            Shape shape = Shape.structure(Member.optional("Filter", Shape.structure(
                    Member.optional("Type", Shape.string()), Member.optional("Timestamp", Shape.timestamp()))));
            byte[] body = cbor().mapStart().text("Filter").mapStart()
                    .text("Type").text("AT_TIMESTAMP")
                    .text("Timestamp").tag(1).uint(1_600_000_000_001L)
                    .end().end().toBytes();

            assertThat(TestShapes.cbor(body, shape).struct("Filter").timestamp("Timestamp").epochMillis())
                    .isEqualTo(1_600_000_000_001L);
        }

        @Test
        void doesNotCarryATagOverToTheNextMember() {
            // A tag on an unknown member must not make the next, untagged integer count as milliseconds.
            byte[] body = cbor().mapStart()
                    .text("Unknown").tag(1).uint(5)
                    .text("T").uint(1_459_799_926L)
                    .end().toBytes();
            assertThat(TestShapes.cbor(body).timestamp("T").epochMillis()).isEqualTo(1_459_799_926_000L);
        }

        @Test
        void rejectsNotANumberAndInfinityAsTimestamps() {
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("T").tag(1).float64(Double.NaN).toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("T").float64(Double.POSITIVE_INFINITY).toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("T").half(0x7E00).toBytes()));
        }

        @Test
        void rejectsTaggedMillisecondsBeyondALong() {
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("T").tag(1).uint64(-1L).toBytes()));
        }

        @Test
        void rejectsFloatSecondsBeyondTheMillisecondRange() {
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("T").tag(1).float64(1e300).toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("T").float64(-1e300).toBytes()));
        }

        @Test
        void rejectsNonNumericTimestamps() {
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("T").bool(true).toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("T").bytes(new byte[]{1}).toBytes()));
        }
    }

    @Nested
    class TypeMismatches {

        @Test
        void rejectsByteStringWhereAStringIsExpected() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("S").bytes(new byte[]{1}).toBytes())))
                    .isEqualTo("class java.nio.ByteBuffer can not be converted to an String");
        }

        @Test
        void rejectsTextWhereAnIntegerIsExpected() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("I").text("23").toBytes())))
                    .isEqualTo("class java.lang.String can not be converted to an Integer");
        }

        @Test
        void rejectsNumberWhereAStringIsExpected() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("S").uint(23).toBytes())))
                    .isEqualTo("class java.math.BigDecimal can not be converted to an String");
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("S").float64(2.5).toBytes())))
                    .isEqualTo("class java.math.BigDecimal can not be converted to an String");
        }

        @Test
        void rejectsBooleanWhereABlobIsExpected() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("Data").bool(true).toBytes())))
                    .isEqualTo("class java.lang.Boolean can not be converted to a Blob");
        }

        @Test
        void rejectsContainersOfTheWrongKind() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("List").mapStart().end().toBytes())))
                    .isEqualTo("Start of structure or map found where not expected.");
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("Map").arrayStart().end().toBytes())))
                    .isEqualTo("Start of list found where not expected");
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("Inner").array(0).toBytes())))
                    .isEqualTo("Start of list found where not expected");
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("Inner").text("x").toBytes())))
                    .isEqualTo("Expected null");
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("List").text("x").toBytes())))
                    .isEqualTo("Expected list or null");
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("Map").uint(1).toBytes())))
                    .isEqualTo("Expected map or null");
        }

        @Test
        void rejectsNotANumberAndInfinityAsIntegers() {
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("I").float64(Double.NaN).toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("L").float32(Float.NEGATIVE_INFINITY).toBytes()));
        }

        @Test
        void rejectsIntegersBeyondALong() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("L").uint64(-1L).toBytes())))
                    .contains("out of range");
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("I").uint(4_000_000_000L).toBytes()));
        }

        @Test
        void rejectsByteStringWhereAStructureIsExpected() {
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("Inner").bytes(new byte[]{1}).toBytes()));
        }
    }

    @Nested
    class MalformedBodies {

        @Test
        void rejectsEmptyBody() {
            serializationMessage(() -> TestShapes.cbor(new byte[0]));
        }

        @Test
        void rejectsTopLevelArray() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().arrayStart().end().toBytes())))
                    .isEqualTo("Start of list found where not expected");
        }

        @Test
        void rejectsTopLevelScalars() {
            serializationMessage(() -> TestShapes.cbor(cbor().text("x").toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().uint(1).toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().bytes(new byte[]{1}).toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().nul().toBytes()));
        }

        @Test
        void rejectsJsonSentAsCbor() {
            // '{' is 0x7B: a CBOR text string of 27 bytes, not a map.
            serializationMessage(() -> TestShapes.cbor("{\"S\": \"a JSON body sent as CBOR\"}".getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void rejectsTrailingGarbageAfterADefiniteMap() {
            assertThat(serializationMessage(() -> TestShapes.cbor(cbor().map(0).uint(0).toBytes())))
                    .isNotEmpty();
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("S").text("x").map(0).toBytes()));
        }

        @Test
        void rejectsTrailingGarbageAfterAnIndefiniteMap() {
            serializationMessage(() -> TestShapes.cbor(cbor().mapStart().end().raw(0x00).toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().mapStart().end().end().toBytes()));
        }

        @Test
        void rejectsStrayBreak() {
            serializationMessage(() -> TestShapes.cbor(cbor().end().toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("S").end().toBytes()));
        }

        @Test
        void rejectsTruncatedBodies() {
            byte[] whole = cbor().mapStart().text("S").text("abc").text("List").arrayStart().text("x").end().end().toBytes();
            for (int cut = 1; cut < whole.length; cut++) {
                byte[] truncated = Arrays.copyOf(whole, cut);
                serializationMessage(() -> TestShapes.cbor(truncated));
            }
        }

        @Test
        void rejectsTruncatedDefiniteLengths() {
            serializationMessage(() -> TestShapes.cbor(cbor().map(2).text("S").text("x").toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("List").array(3).text("a").toBytes()));
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("Data").raw(0x5A, 0, 0x10, 0, 0, 1, 2, 3).toBytes()));
        }

        @Test
        void rejectsReservedInitialBytes() {
            serializationMessage(() -> TestShapes.cbor(cbor().map(1).text("S").raw(0x1C).toBytes()));
        }

        @Test
        void rejectsNonTextMapKeysOrSkipsThem() {
            // CBOR allows any key type; the API never uses them. Whatever the decoder does, it must not crash.
            byte[] body = cbor().map(2).uint(1).text("x").text("S").text("kept").toBytes();
            try {
                assertThat(TestShapes.cbor(body).string("S")).isEqualTo("kept");
            } catch (wildrydes.errors.KinesisException e) {
                assertThat(e.code()).isEqualTo(wildrydes.errors.ErrorCode.SerializationException);
            }
        }

        @Test
        void rejectsHugeNestingOfIndefiniteArraysWithoutOverflowingTheStack() {
            int depth = 100_000;
            CborBytes b = cbor().mapStart().text("Unknown");
            for (int i = 0; i < depth; i++) {
                b.arrayStart();
            }
            for (int i = 0; i < depth; i++) {
                b.end();
            }
            byte[] body = b.end().toBytes();
            assertThat(serializationMessage(() -> TestShapes.cbor(body))).containsIgnoringCase("nesting depth");
        }

        @Test
        void rejectsHugeNestingOfDefiniteMaps() {
            int depth = 100_000;
            CborBytes b = cbor().map(1).text("Unknown");
            for (int i = 0; i < depth; i++) {
                b.map(1).text("a");
            }
            byte[] body = b.uint(1).toBytes();
            assertThat(majorType(body[0])).isEqualTo(5);
            serializationMessage(() -> TestShapes.cbor(body));
        }

        @Test
        void rejectsHugeDeclaredLengthWithoutAllocatingIt() {
            // A byte string claiming 2^62 bytes, with 3 present.
            byte[] body = cbor().map(1).text("Data").raw(0x5B, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3).toBytes();
            serializationMessage(() -> TestShapes.cbor(body));
            byte[] array = cbor().map(1).text("List").raw(0x9B, 0x40, 0, 0, 0, 0, 0, 0, 0).text("a").toBytes();
            serializationMessage(() -> TestShapes.cbor(array));
        }
    }
}
