package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.http.TestServer.CBOR;
import static wildrydes.http.TestServer.JSON;
import static wildrydes.http.TestServer.assertError;
import static wildrydes.http.TestServer.assertJsonError;
import static wildrydes.protocol.CborBytes.cbor;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies that cannot be read: each is a 400 SerializationException in the request's own
 * encoding, and afterwards the server still serves and acknowledged records are intact.
 */
class MalformedBodyTest {
    private static final String STREAM = "malformed";

    @RegisterExtension
    static final TestServer server = TestServer.inMemory().withStream(STREAM, 2).withMarker();

    private static String jsonSerializationError(String operation, String body) {
        HttpResponse<byte[]> response = server.postJson(operation, body);
        return assertJsonError(response, "SerializationException");
    }

    private static String cborSerializationError(String operation, byte[] body) {
        HttpResponse<byte[]> response = server.post(operation, CBOR, body);
        return assertError(response, 400, "SerializationException", CBOR);
    }

    @Nested
    class Json {

        @ParameterizedTest
        @ValueSource(strings = {"hello", "{\"StreamName\": ", "{\"StreamName\": \"x\"", "{'StreamName': 'x'}",
            "{\"StreamName\": \"x\",}", "{\"StreamName\" \"x\"}", "\u0000\u0001"})
        void rejectsMalformedJson(String body) {
            server.survives(STREAM, () -> jsonSerializationError("DescribeStreamSummary", body), server.first());
        }

        @Test
        void rejectsJsonArrayBody() {
            server.survives(STREAM, () -> assertThat(jsonSerializationError("ListStreams", "[]"))
                    .isEqualTo("Start of list found where not expected"), server.first());
        }

        @Test
        void rejectsJsonScalarBodies() {
            server.survives(STREAM, () -> {
                jsonSerializationError("ListStreams", "\"text\"");
                jsonSerializationError("ListStreams", "42");
                jsonSerializationError("ListStreams", "null");
            }, server.first());
        }

        @Test
        void rejectsEmptyJsonBody() {
            server.survives(STREAM, () -> {
                HttpResponse<byte[]> response = server.post("ListStreams", JSON, null);
                assertJsonError(response, "SerializationException");
            }, server.first());
        }

        @Test
        void rejectsTrailingGarbage() {
            server.survives(STREAM, () -> {
                jsonSerializationError("ListStreams", "{} {}");
                jsonSerializationError("ListStreams", "{} trailing");
            }, server.first());
        }

        @Test
        void rejectsMemberOfTheWrongType() {
            server.survives(STREAM, () -> assertThat(jsonSerializationError("DescribeStreamSummary", "{\"StreamName\": 1}"))
                    .isEqualTo("class java.math.BigDecimal can not be converted to an String"), server.first());
        }

        @Test
        void rejectsInvalidBase64Data() {
            server.survives(STREAM, () -> assertThat(jsonSerializationError("PutRecord",
                    "{\"StreamName\": \"" + STREAM + "\", \"PartitionKey\": \"a\", \"Data\": \"23456\"}"))
                    .isEqualTo("'23456' can not be converted to a Blob: "
                            + "Base64 encoded length is expected a multiple of 4 bytes but found: 5"), server.first());
        }

        @Test
        void rejectsHugeNestingWithoutFailingInternally() {
            int depth = 100_000;
            String body = "{\"Unknown\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
            server.survives(STREAM, () -> jsonSerializationError("ListStreams", body), server.first());
        }

        @Test
        @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void rejectsNumbersWithHugeExponentsQuicklyAsSerializationErrors() {
            server.survives(STREAM, () -> {
                assertThat(jsonSerializationError("GetRecords", "{\"ShardIterator\": \"abc\", \"Limit\": 1e999999999}"))
                        .contains("out of range");
                assertThat(jsonSerializationError("GetRecords", "{\"ShardIterator\": \"abc\", \"Limit\": 1e100000000}"))
                        .contains("out of range");
                jsonSerializationError("GetShardIterator", "{\"StreamName\": \"" + STREAM + "\", \"ShardId\": \"shardId-000000000000\", "
                        + "\"ShardIteratorType\": \"AT_TIMESTAMP\", \"Timestamp\": 1e999999999}");
            }, server.first());
        }

        @Test
        void rejectsTimestampsOutOfRangeAsSerializationErrorsNotInternalFailures() {
            server.survives(STREAM, () -> jsonSerializationError("GetShardIterator", "{\"StreamName\": \"" + STREAM
                    + "\", \"ShardId\": \"shardId-000000000000\", \"ShardIteratorType\": \"AT_TIMESTAMP\", \"Timestamp\": 1e30}"),
                    server.first());
        }

        @Test
        void rejectsATypeErrorBeforeWritingAnything() {
            // A PutRecords whose second entry is malformed must not store the first.
            String key = "same-shard";
            TestServer.Acked before = server.putRecord(STREAM, key, "before".getBytes(StandardCharsets.UTF_8));
            jsonSerializationError("PutRecords", "{\"StreamName\": \"" + STREAM + "\", \"Records\": ["
                    + "{\"PartitionKey\": \"" + key + "\", \"Data\": \"AAAA\"}, {\"PartitionKey\": 5, \"Data\": \"AAAA\"}]}");
            TestServer.Acked after = server.putRecord(STREAM, key, "after".getBytes(StandardCharsets.UTF_8));
            assertThat(after.shardId()).isEqualTo(before.shardId());

            String iterator = server.ok("GetShardIterator", "{\"StreamName\": \"" + STREAM + "\", \"ShardId\": \""
                    + before.shardId() + "\", \"ShardIteratorType\": \"AFTER_SEQUENCE_NUMBER\", \"StartingSequenceNumber\": \""
                    + before.sequenceNumber() + "\"}").get("ShardIterator").textValue();
            var records = server.ok("GetRecords", "{\"ShardIterator\": \"" + iterator + "\"}").get("Records");
            assertThat(records).isNotEmpty();
            assertThat(records.get(0).get("SequenceNumber").textValue()).isEqualTo(after.sequenceNumber());
            server.assertReadable(before);
        }
    }

    @Nested
    class Cbor {

        @Test
        void rejectsMalformedCborInCbor() {
            server.survives(STREAM, () -> {
                cborSerializationError("ListStreams", new byte[]{(byte) 0xBF, 0x61});
                cborSerializationError("ListStreams", new byte[]{0x1C});
                cborSerializationError("ListStreams", new byte[]{(byte) 0xFF});
            }, server.first());
        }

        @Test
        void rejectsTruncatedCbor() {
            byte[] whole = cbor().mapStart().text("StreamName").text(STREAM).end().toBytes();
            server.survives(STREAM, () -> cborSerializationError("DescribeStreamSummary",
                    java.util.Arrays.copyOf(whole, whole.length - 1)), server.first());
        }

        @Test
        void rejectsEmptyCborBodyInCbor() {
            server.survives(STREAM, () -> cborSerializationError("ListStreams", null), server.first());
        }

        @Test
        void rejectsCborArrayBodyInCbor() {
            server.survives(STREAM, () -> assertThat(cborSerializationError("ListStreams", cbor().arrayStart().end().toBytes()))
                    .isEqualTo("Start of list found where not expected"), server.first());
        }

        @Test
        void rejectsJsonSentWithTheCborContentTypeInCbor() {
            server.survives(STREAM, () -> cborSerializationError("ListStreams", "{}".getBytes(StandardCharsets.UTF_8)), server.first());
        }

        @Test
        void rejectsCborSentWithTheJsonContentTypeInJson() {
            server.survives(STREAM, () -> jsonSerializationError("ListStreams",
                    new String(cbor().map(0).toBytes(), StandardCharsets.ISO_8859_1)), server.first());
        }

        @Test
        void rejectsByteStringWhereAStringIsExpected() {
            server.survives(STREAM, () -> assertThat(cborSerializationError("DescribeStreamSummary",
                    cbor().mapStart().text("StreamName").bytes(new byte[]{1, 2}).end().toBytes()))
                    .isEqualTo("class java.nio.ByteBuffer can not be converted to an String"), server.first());
        }

        @Test
        void rejectsNotANumberTimestampAsASerializationErrorNotAnInternalFailure() {
            byte[] body = cbor().mapStart()
                    .text("StreamName").text(STREAM)
                    .text("ShardId").text("shardId-000000000000")
                    .text("ShardIteratorType").text("AT_TIMESTAMP")
                    .text("Timestamp").tag(1).float64(Double.NaN)
                    .end().toBytes();
            server.survives(STREAM, () -> cborSerializationError("GetShardIterator", body), server.first());
        }

        @Test
        void rejectsInfiniteLimitAsASerializationErrorNotAnInternalFailure() {
            byte[] body = cbor().mapStart().text("ShardIterator").text("abc").text("Limit").float64(Double.POSITIVE_INFINITY)
                    .end().toBytes();
            server.survives(STREAM, () -> cborSerializationError("GetRecords", body), server.first());
        }

        @Test
        void rejectsHugeNestingInCbor() {
            var b = cbor().mapStart().text("Unknown");
            for (int i = 0; i < 100_000; i++) {
                b.arrayStart();
            }
            byte[] body = b.toBytes();
            server.survives(STREAM, () -> cborSerializationError("ListStreams", body), server.first());
        }

        @Test
        void rejectsHugeDeclaredLengthsWithoutFailingInternally() {
            byte[] body = cbor().map(1).text("Data").raw(0x5B, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3).toBytes();
            server.survives(STREAM, () -> cborSerializationError("PutRecord", body), server.first());
        }
    }
}
