package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.http.TestServer.CBOR;
import static wildrydes.http.TestServer.assertError;
import static wildrydes.http.TestServer.assertJsonError;
import static wildrydes.protocol.CborBytes.cbor;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ValidationExceptions over the wire, worded as AWS words them. */
class ValidationEndToEndTest {
    private static final String STREAM = "validation";
    private static final String ITERATOR_TYPES = "[AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]";

    @RegisterExtension
    static final TestServer server = TestServer.inMemory().withStream(STREAM, 1).withMarker();

    private static String validationError(String operation, String json) {
        return assertJsonError(server.postJson(operation, json), "ValidationException");
    }

    private static List<String> clauses(String message) {
        return Arrays.asList(message.substring(message.indexOf(": ") + 2).split("; "));
    }

    @Test
    void rejectsCreateStreamWithBadNameAndZeroShardsListingBothErrors() {
        server.survives(STREAM, () -> {
            String message = validationError("CreateStream", "{\"StreamName\": \"bad name!\", \"ShardCount\": 0}");

            assertThat(message).startsWith("2 validation errors detected: ");
            assertThat(clauses(message)).containsExactlyInAnyOrder(
                    "Value 'bad name!' at 'streamName' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                    "Value '0' at 'shardCount' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 1");
        }, server.first());
        assertThat(server.ok("ListStreams", "{}").get("StreamNames").toString()).doesNotContain("bad name!");
    }

    @Test
    void rejectsCreateStreamWithEmptyNameListingThreeErrors() {
        String message = validationError("CreateStream", "{\"StreamName\": \"\", \"ShardCount\": 0}");

        assertThat(message).startsWith("3 validation errors detected: ");
        assertThat(clauses(message)).containsExactlyInAnyOrder(
                "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
                "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void rejectsCreateStreamWithoutName() {
        assertThat(validationError("CreateStream", "{\"ShardCount\": 1}"))
                .isEqualTo("1 validation error detected: Value null at 'streamName' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void rejectsPartitionKeyOf257Characters() {
        String key = "k".repeat(257);
        server.survives(STREAM, () -> assertThat(validationError("PutRecord",
                "{\"StreamName\": \"" + STREAM + "\", \"PartitionKey\": \"" + key + "\", \"Data\": \"AAAA\"}"))
                .isEqualTo("1 validation error detected: Value '" + key + "' at 'partitionKey' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256"), server.first());
    }

    @Test
    void acceptsPartitionKeyOf256Characters() {
        server.putRecord(STREAM, "k".repeat(256), new byte[]{1});
    }

    @Test
    void rejectsPutRecordsEntryWithEmptyPartitionKeyNamingItsIndex() {
        assertThat(validationError("PutRecords", "{\"StreamName\": \"" + STREAM + "\", \"Records\": ["
                + "{\"PartitionKey\": \"\", \"Data\": \"AAAA\"}]}"))
                .isEqualTo("1 validation error detected: Value '' at 'records.1.member.partitionKey' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void rejectsGetRecordsLimitZero() {
        server.survives(STREAM, () -> assertThat(validationError("GetRecords", "{\"ShardIterator\": \"abc\", \"Limit\": 0}"))
                .isEqualTo("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1"), server.first());
    }

    @Test
    void rejectsGetRecordsLimitAbove10000() {
        assertThat(validationError("GetRecords", "{\"ShardIterator\": \"abc\", \"Limit\": 10001}"))
                .isEqualTo("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000");
    }

    @Test
    void rejectsGetShardIteratorWithUnknownIteratorType() {
        server.survives(STREAM, () -> assertThat(validationError("GetShardIterator", "{\"StreamName\": \"" + STREAM
                + "\", \"ShardId\": \"shardId-000000000000\", \"ShardIteratorType\": \"OLDEST\"}"))
                .isEqualTo("1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: " + ITERATOR_TYPES), server.first());
    }

    @Test
    void validatesBeforeLookingTheStreamUp() {
        // The stream does not exist, but the request is invalid: validation answers first.
        assertThat(validationError("GetShardIterator", "{\"StreamName\": \"no-such-stream\", "
                + "\"ShardId\": \"shardId-000000000000\", \"ShardIteratorType\": \"SOMEWHERE\"}"))
                .contains("Value 'SOMEWHERE' at 'shardIteratorType'");
    }

    @Test
    void answersValidationErrorsToCborRequestsInCbor() {
        byte[] body = cbor().mapStart()
                .text("StreamName").text(STREAM)
                .text("ShardId").text("shardId-000000000000")
                .text("ShardIteratorType").text("OLDEST")
                .end().toBytes();
        HttpResponse<byte[]> response = server.post("GetShardIterator", CBOR, body);
        assertThat(assertError(response, 400, "ValidationException", CBOR))
                .isEqualTo("1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: " + ITERATOR_TYPES);
    }

    @Test
    void rendersOversizedCborDataAsAHeapByteBuffer() {
        byte[] body = cbor().mapStart()
                .text("StreamName").text(STREAM)
                .text("PartitionKey").text("a")
                .text("Data").bytes(new byte[1_048_577])
                .end().toBytes();
        HttpResponse<byte[]> response = server.post("PutRecord", CBOR, body);
        assertThat(assertError(response, 400, "ValidationException", CBOR))
                .isEqualTo("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' "
                        + "at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576");
    }
}
