package wildrydes.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static wildrydes.protocol.TestShapes.json;
import static wildrydes.protocol.TestShapes.serializationMessage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding JSON 1.1 request bodies into structures, and the SerializationExceptions AWS answers with. */
class JsonRequestDecoderTest {

    @Nested
    class Serialisation {

        @Test
        void decodesEveryKindOfMember() {
            Struct s = json("""
                    {"S": "text", "I": 42, "L": 9223372036854775807, "B": true, "Data": "aGVsbG8=",
                     "T": 1459799926.48, "List": ["a", "b"], "Map": {"k1": "v1", "k2": "v2"},
                     "Inner": {"Name": "n", "Count": 7},
                     "Entries": [{"Name": "first"}, {"Name": "second", "Count": 2}]}
                    """);

            assertThat(s.string("S")).isEqualTo("text");
            assertThat(s.longValue("I")).isEqualTo(42L);
            assertThat(s.longValue("L")).isEqualTo(Long.MAX_VALUE);
            assertThat(s.bool("B")).isTrue();
            assertThat(s.blob("Data")).asString(StandardCharsets.UTF_8).isEqualTo("hello");
            assertThat(s.timestamp("T").epochMillis()).isEqualTo(1_459_799_926_480L);
            assertThat(s.<String>list("List")).containsExactly("a", "b");
            assertThat(s.map("Map")).containsExactly(Map.entry("k1", "v1"), Map.entry("k2", "v2"));
            assertThat(s.struct("Inner").string("Name")).isEqualTo("n");
            assertThat(s.struct("Inner").longValue("Count")).isEqualTo(7L);
            List<Struct> entries = s.list("Entries");
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).string("Name")).isEqualTo("first");
            assertThat(entries.get(0).has("Count")).isFalse();
            assertThat(entries.get(1).longValue("Count")).isEqualTo(2L);
        }

        @Test
        void decodesEmptyObjectAsEmptyStructure() {
            Struct s = json("{}");
            assertThat(s.has("S")).isFalse();
            assertThat(s.toString()).isEqualTo("{}");
        }

        @Test
        void decodesOnlyTheGivenSliceOfTheBuffer() {
            byte[] buffer = "garbage{\"S\":\"inside\"}more garbage".getBytes(StandardCharsets.UTF_8);
            int offset = "garbage".length();
            int length = "{\"S\":\"inside\"}".length();

            Struct s = RequestDecoder.decode(WireFormat.JSON, buffer, offset, length, TestShapes.ALL);

            assertThat(s.string("S")).isEqualTo("inside");
        }

        @Test
        void keepsUnicodeAndEscapesInStrings() {
            Struct s = json("{\"S\": \"caf\\u00e9 \\\"q\\\" \\n \u00fc\u20ac\uD83D\uDE00\"}");
            assertThat(s.string("S")).isEqualTo("caf\u00e9 \"q\" \n \u00fc\u20ac\uD83D\uDE00");
        }

        @Test
        void skipsUnknownMembersOfAnyType() {
            Struct s = json("""
                    {"Unknown1": {"a": [1, {"b": null}], "c": "x", "d": {"e": {"f": []}}},
                     "Unknown2": [[[]], {}, "s", 1.5e300, true, null],
                     "Unknown3": 12345678901234567890123456789,
                     "Unknown4": -0.5,
                     "Unknown5": false,
                     "Unknown6": null,
                     "Unknown7": "aGVsbG8=",
                     "S": "kept",
                     "Inner": {"Name": "n", "Nested unknown": {"x": [1, 2, 3]}},
                     "Unknown8": {"S": "not a top-level S"}}
                    """);

            assertThat(s.string("S")).isEqualTo("kept");
            assertThat(s.struct("Inner").string("Name")).isEqualTo("n");
            assertThat(s.toString()).doesNotContain("Unknown", "not a top-level S");
        }

        @Test
        void treatsMemberNamesCaseSensitively() {
            Struct s = json("{\"s\": \"lower\", \"STREAM\": 1}");
            assertThat(s.has("S")).isFalse();
        }

        @Test
        void treatsNullMembersAsAbsent() {
            Struct s = json("""
                    {"S": null, "I": null, "L": null, "B": null, "Data": null, "T": null,
                     "List": null, "Map": null, "Inner": null, "Entries": null}
                    """);

            for (String name : List.of("S", "I", "L", "B", "Data", "T", "List", "Map", "Inner", "Entries")) {
                assertThat(s.has(name)).as(name).isFalse();
            }
        }

        @Test
        void treatsNullNestedMembersAsAbsent() {
            Struct s = json("{\"Inner\": {\"Name\": null, \"Count\": 3}}");
            assertThat(s.struct("Inner").has("Name")).isFalse();
            assertThat(s.struct("Inner").longValue("Count")).isEqualTo(3L);
        }

        @Test
        void keepsNullListElementsSoValidationCanReportThem() {
            Struct s = json("{\"List\": [\"a\", null, \"c\"]}");
            assertThat(s.<String>list("List")).containsExactly("a", null, "c");
        }

        @Test
        void decodesEmptyListsAndMaps() {
            Struct s = json("{\"List\": [], \"Map\": {}, \"Entries\": []}");
            assertThat(s.<String>list("List")).isEmpty();
            assertThat(s.map("Map")).isEmpty();
            assertThat(s.<Struct>list("Entries")).isEmpty();
        }

        @Test
        void truncatesFractionalIntegersTowardsTheFloor() {
            assertThat(json("{\"I\": 3.9}").longValue("I")).isEqualTo(3L);
            assertThat(json("{\"I\": 1e3}").longValue("I")).isEqualTo(1000L);
            assertThat(json("{\"L\": -7}").longValue("L")).isEqualTo(-7L);
        }

        @Test
        void acceptsIntegersAtTheEdgesOfTheirRange() {
            assertThat(json("{\"I\": 2147483647}").longValue("I")).isEqualTo(Integer.MAX_VALUE);
            assertThat(json("{\"I\": -2147483648}").longValue("I")).isEqualTo(Integer.MIN_VALUE);
            assertThat(json("{\"L\": -9223372036854775808}").longValue("L")).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        void ignoresWhitespaceAroundTheObject() {
            assertThat(json(" \r\n\t{\"S\": \"x\"} \n\n ").string("S")).isEqualTo("x");
        }
    }

    @Nested
    class TypeMismatches {

        static Stream<Arguments> mismatches() {
            return Stream.of(
                    // String
                    Arguments.of("S", "true", "class java.lang.Boolean can not be converted to an String"),
                    Arguments.of("S", "23", "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"),
                    Arguments.of("S", "34.56", "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"),
                    Arguments.of("S", "[]", "Start of list found where not expected"),
                    Arguments.of("S", "{}", "Start of structure or map found where not expected."),
                    // Integer
                    Arguments.of("I", "\"23\"", "class java.lang.String can not be converted to an Integer"),
                    Arguments.of("I", "true", "class java.lang.Boolean can not be converted to an Integer"),
                    Arguments.of("I", "[]", "Start of list found where not expected"),
                    Arguments.of("I", "{}", "Start of structure or map found where not expected."),
                    // Long
                    Arguments.of("L", "\"23\"", "class java.lang.String can not be converted to an Long"),
                    Arguments.of("L", "false", "class java.lang.Boolean can not be converted to an Long"),
                    Arguments.of("L", "[]", "Start of list found where not expected"),
                    Arguments.of("L", "{}", "Start of structure or map found where not expected."),
                    // Boolean
                    Arguments.of("B", "\"hello\"", "'HELLO' can not be converted to an Boolean"),
                    Arguments.of("B", "23", "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean"),
                    Arguments.of("B", "[]", "Start of list found where not expected"),
                    Arguments.of("B", "{}", "Start of structure or map found where not expected."),
                    // Blob
                    Arguments.of("Data", "true", "class java.lang.Boolean can not be converted to a Blob"),
                    Arguments.of("Data", "23", "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob"),
                    Arguments.of("Data", "34.56", "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob"),
                    Arguments.of("Data", "[]", "Start of list found where not expected"),
                    Arguments.of("Data", "{}", "Start of structure or map found where not expected."),
                    // Timestamp
                    Arguments.of("T", "true", "class java.lang.Boolean can not be converted to milliseconds since epoch"),
                    Arguments.of("T", "\"2016-04-04T19:58:46.480Z\"", "class java.lang.String can not be converted to milliseconds since epoch"),
                    Arguments.of("T", "[]", "Start of list found where not expected"),
                    Arguments.of("T", "{}", "Start of structure or map found where not expected."),
                    // List
                    Arguments.of("List", "\"23\"", "Expected list or null"),
                    Arguments.of("List", "true", "Expected list or null"),
                    Arguments.of("List", "23", "Expected list or null"),
                    Arguments.of("List", "34.56", "Expected list or null"),
                    Arguments.of("List", "{}", "Start of structure or map found where not expected."),
                    // Map
                    Arguments.of("Map", "\"23\"", "Expected map or null"),
                    Arguments.of("Map", "true", "Expected map or null"),
                    Arguments.of("Map", "23", "Expected map or null"),
                    Arguments.of("Map", "34.56", "Expected map or null"),
                    Arguments.of("Map", "[]", "Start of list found where not expected"),
                    // Structure
                    Arguments.of("Inner", "\"23\"", "Expected null"),
                    Arguments.of("Inner", "true", "Expected null"),
                    Arguments.of("Inner", "23", "Expected null"),
                    Arguments.of("Inner", "34.56", "Expected null"),
                    Arguments.of("Inner", "[]", "Start of list found where not expected"));
        }

        @ParameterizedTest(name = "{0}: {1} -> {2}")
        @MethodSource("mismatches")
        void rejectsValueOfTheWrongTypeWithTheAwsMessage(String member, String value, String message) {
            assertThat(serializationMessage(() -> json("{\"" + member + "\": " + value + "}"))).isEqualTo(message);
        }

        @Test
        void rejectsWrongTypeInsideAList() {
            assertThat(serializationMessage(() -> json("{\"List\": [\"ok\", 1]}")))
                    .isEqualTo("class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String");
            assertThat(serializationMessage(() -> json("{\"Entries\": [\"not a structure\"]}")))
                    .isEqualTo("Expected null");
        }

        @Test
        void rejectsWrongTypeAsAMapValue() {
            assertThat(serializationMessage(() -> json("{\"Map\": {\"k\": true}}")))
                    .isEqualTo("class java.lang.Boolean can not be converted to an String");
        }

        @Test
        void rejectsWrongTypeInANestedStructure() {
            assertThat(serializationMessage(() -> json("{\"Inner\": {\"Name\": \"n\", \"Count\": \"3\"}}")))
                    .isEqualTo("class java.lang.String can not be converted to an Integer");
        }

        @Test
        void truncatesIntegersOutOfRangeToTheRangeAsAwsDoes() {
            assertThat(json("{\"I\": 2147483648}").longValue("I")).isEqualTo(Integer.MAX_VALUE);
            assertThat(json("{\"I\": 1e10}").longValue("I")).isEqualTo(Integer.MAX_VALUE);
            assertThat(json("{\"I\": -2147483649}").longValue("I")).isEqualTo(Integer.MIN_VALUE);
            assertThat(json("{\"I\": 34.56}").longValue("I")).isEqualTo(34);
            assertThat(json("{\"L\": 9223372036854775808}").longValue("L")).isEqualTo(Long.MAX_VALUE);
            assertThat(json("{\"L\": -9223372036854775809}").longValue("L")).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Nested
    class ExtremeNumbers {

        @Test
        @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void truncatesIntegerWithAHugeExponentQuickly() {
            assertThat(json("{\"I\": 1e999999999}").longValue("I")).isEqualTo(Integer.MAX_VALUE);
            assertThat(json("{\"L\": -1e999999999}").longValue("L")).isEqualTo(Long.MIN_VALUE);
            // Small enough for BigInteger, so flooring it first would take minutes and 40 MB.
            assertThat(json("{\"I\": 1e100000000}").longValue("I")).isEqualTo(Integer.MAX_VALUE);
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void truncatesATinyFractionQuickly() {
            assertThat(json("{\"I\": 1e-999999999}").longValue("I")).isZero();
            assertThat(json("{\"I\": 1e-100000000}").longValue("I")).isZero();
            assertThat(json("{\"L\": -1e-100000000}").longValue("L")).isEqualTo(-1L);
            assertThat(json("{\"L\": 0.000001}").longValue("L")).isZero();
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void rejectsTimestampWithAHugeExponentQuickly() {
            serializationMessage(() -> json("{\"T\": 1e999999999}"));
            serializationMessage(() -> json("{\"T\": -1e999999999}"));
            serializationMessage(() -> json("{\"T\": 1e100000000}"));
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void readsATimestampWithATinyExponentQuickly() {
            assertThat(json("{\"T\": 1e-999999999}").timestamp("T").epochMillis()).isZero();
            assertThat(json("{\"T\": 1e-100000000}").timestamp("T").epochMillis()).isZero();
        }

        @Test
        void rejectsTimestampBeyondTheMillisecondRange() {
            serializationMessage(() -> json("{\"T\": 1e30}"));
            serializationMessage(() -> json("{\"T\": 9223372036854775807}"));
            serializationMessage(() -> json("{\"T\": \"+1000000000-01-01T00:00:00Z\"}"));
        }

        @Test
        void skipsHugeNumbersInUnknownMembers() {
            assertThat(json("{\"Unknown\": 1e999999999, \"S\": \"x\"}").string("S")).isEqualTo("x");
        }
    }

    @Nested
    class Blobs {

        @Test
        void decodesBase64() {
            byte[] data = new byte[300];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            String encoded = Base64.getEncoder().encodeToString(data);
            assertThat(json("{\"Data\": \"" + encoded + "\"}").blob("Data")).isEqualTo(data);
        }

        @Test
        void decodesBase64WithOneAndTwoPaddingCharacters() {
            assertThat(json("{\"Data\": \"YQ==\"}").blob("Data")).isEqualTo(new byte[]{'a'});
            assertThat(json("{\"Data\": \"YWI=\"}").blob("Data")).isEqualTo(new byte[]{'a', 'b'});
            assertThat(json("{\"Data\": \"+/+/\"}").blob("Data")).isEqualTo(new byte[]{(byte) 0xFB, (byte) 0xFF, (byte) 0xBF});
        }

        @Test
        void decodesEmptyStringAsEmptyBlob() {
            assertThat(json("{\"Data\": \"\"}").blob("Data")).isEmpty();
        }

        @Test
        void rejectsBase64WhoseLengthIsNotAMultipleOfFour() {
            assertThat(serializationMessage(() -> json("{\"Data\": \"23456\"}")))
                    .isEqualTo("'23456' can not be converted to a Blob: "
                            + "Base64 encoded length is expected a multiple of 4 bytes but found: 5");
        }

        @Test
        void rejectsBase64WithPaddingAtTheStart() {
            assertThat(serializationMessage(() -> json("{\"Data\": \"=+/=\"}")))
                    .isEqualTo("'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
        }

        @Test
        void rejectsBase64WithPaddingInTheMiddle() {
            assertThat(serializationMessage(() -> json("{\"Data\": \"AA==AA==\"}")))
                    .isEqualTo("'AA==AA==' can not be converted to a Blob: Invalid Base64 character: '='");
        }

        @Test
        void rejectsBase64WithCharactersOutsideTheAlphabet() {
            assertThat(serializationMessage(() -> json("{\"Data\": \"ab-_\"}")))
                    .isEqualTo("'ab-_' can not be converted to a Blob: Invalid Base64 character: '-'");
            assertThat(serializationMessage(() -> json("{\"Data\": \"ab!c\"}")))
                    .isEqualTo("'ab!c' can not be converted to a Blob: Invalid Base64 character: '!'");
        }

        @Test
        void rejectsBase64WithWhitespace() {
            assertThat(serializationMessage(() -> json("{\"Data\": \"AAAA    \"}")))
                    .isEqualTo("'AAAA    ' can not be converted to a Blob: Invalid Base64 character: ' '");
            assertThat(serializationMessage(() -> json("{\"Data\": \"    \"}")))
                    .isEqualTo("'    ' can not be converted to a Blob: Invalid Base64 character: ' '");
        }

        @Test
        void rejectsBase64WhoseLastCharacterHasBitsBeyondTheData() {
            assertThat(serializationMessage(() -> json("{\"Data\": \"+/+=\"}")))
                    .isEqualTo("'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
            assertThat(serializationMessage(() -> json("{\"Data\": \"AB==\"}")))
                    .isEqualTo("'AB==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
        }

        @Test
        void rejectsBase64ThatIsAllPadding() {
            assertThat(serializationMessage(() -> json("{\"Data\": \"====\"}")))
                    .startsWith("'====' can not be converted to a Blob: ");
            assertThat(serializationMessage(() -> json("{\"Data\": \"A===\"}")))
                    .startsWith("'A===' can not be converted to a Blob: ");
        }

        @Test
        void abbreviatesLongInvalidBase64InTheMessage() {
            String huge = "A".repeat(100_000) + "!AAA";
            String message = serializationMessage(() -> json("{\"Data\": \"" + huge + "\"}"));
            assertThat(message).endsWith("can not be converted to a Blob: Invalid Base64 character: '!'");
            assertThat(message.length()).isLessThan(500);
        }
    }

    @Nested
    class Timestamps {

        @Test
        void readsEpochSecondsWithAFraction() {
            assertThat(json("{\"T\": 1459799926.48}").timestamp("T").epochMillis()).isEqualTo(1_459_799_926_480L);
            assertThat(json("{\"T\": 1459799926.001}").timestamp("T").epochMillis()).isEqualTo(1_459_799_926_001L);
        }

        @Test
        void readsWholeEpochSeconds() {
            assertThat(json("{\"T\": 1459799926}").timestamp("T").epochMillis()).isEqualTo(1_459_799_926_000L);
            assertThat(json("{\"T\": 0}").timestamp("T").epochMillis()).isZero();
        }

        @Test
        void keepsMillisecondPrecisionAndDropsFinerDigits() {
            assertThat(json("{\"T\": 1459799926.4809}").timestamp("T").epochMillis()).isEqualTo(1_459_799_926_480L);
            assertThat(json("{\"T\": 1.4597999264809E9}").timestamp("T").epochMillis()).isEqualTo(1_459_799_926_480L);
        }

        @Test
        void refusesStringsEvenIsoInstantsAsAwsDoes() {
            assertThat(serializationMessage(() -> json("{\"T\": \"2016-04-04T19:58:46.480Z\"}")))
                    .isEqualTo("class java.lang.String can not be converted to milliseconds since epoch");
            assertThat(serializationMessage(() -> json("{\"T\": \"yesterday\"}")))
                    .isEqualTo("class java.lang.String can not be converted to milliseconds since epoch");
        }
    }

    @Nested
    class MalformedBodies {

        @Test
        void rejectsEmptyBody() {
            assertThat(serializationMessage(() -> json(""))).contains("empty");
        }

        @Test
        void rejectsWhitespaceOnlyBody() {
            serializationMessage(() -> json("   \n"));
        }

        @Test
        void rejectsBodyThatIsAnArray() {
            assertThat(serializationMessage(() -> json("[]"))).isEqualTo("Start of list found where not expected");
            assertThat(serializationMessage(() -> json("[{\"S\": \"x\"}]"))).isEqualTo("Start of list found where not expected");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"text\"", "42", "true", "null"})
        void rejectsBodyThatIsAScalar(String body) {
            serializationMessage(() -> json(body));
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "{hello}", "{'S': 'x'}", "{\"S\" \"x\"}", "{\"S\": \"x\",}", "{\"S\": x}",
            "/* c */ {}", "{\"S\": \"x\"]", "\u0000"})
        void rejectsSyntaxErrors(String body) {
            serializationMessage(() -> json(body));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{} x", "{}{}", "{} []", "{\"S\": \"x\"} 1", "{}}"})
        void rejectsTrailingGarbage(String body) {
            serializationMessage(() -> json(body));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{\"S\"", "{\"S\":", "{\"S\": \"ab", "{\"S\": \"abc\"", "{\"List\": [\"a\"",
            "{\"Inner\": {\"Name\": \"n\"}", "{\"Unknown\": [[{"})
        void rejectsTruncatedBodies(String body) {
            serializationMessage(() -> json(body));
        }

        @Test
        void rejectsHugeNestingInAnUnknownMemberWithoutOverflowingTheStack() {
            int depth = 100_000;
            String body = "{\"Unknown\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
            assertThat(serializationMessage(() -> json(body))).containsIgnoringCase("nesting depth");
        }

        @Test
        void rejectsHugeNestingOfObjectsInAnUnknownMember() {
            int depth = 50_000;
            String body = "{\"Unknown\": " + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
            serializationMessage(() -> json(body));
        }

        @Test
        void acceptsModerateNesting() {
            int depth = 200;
            String body = "{\"Unknown\": " + "[".repeat(depth) + "]".repeat(depth) + ", \"S\": \"x\"}";
            assertThatCode(() -> json(body)).doesNotThrowAnyException();
            assertThat(json(body).string("S")).isEqualTo("x");
        }

        @Test
        void rejectsInvalidUtf8() {
            byte[] body = {'{', '"', 'S', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            serializationMessage(() -> RequestDecoder.decode(WireFormat.JSON, body, 0, body.length, TestShapes.ALL));
        }
    }
}
