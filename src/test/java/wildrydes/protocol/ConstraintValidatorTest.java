package wildrydes.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static wildrydes.protocol.TestShapes.validationMessage;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import wildrydes.api.AddTagsToStream;
import wildrydes.api.CreateStream;
import wildrydes.api.GetRecords;
import wildrydes.api.GetShardIterator;
import wildrydes.api.ListShards;
import wildrydes.api.PutRecord;
import wildrydes.api.PutRecords;

/** ValidationException messages, worded and counted as AWS words and counts them, for the real input shapes. */
class ConstraintValidatorTest {
    private static final Shape CREATE_STREAM = new CreateStream(null).input();
    private static final Shape PUT_RECORD = new PutRecord(null, null).input();
    private static final Shape PUT_RECORDS = new PutRecords(null, null).input();
    private static final Shape GET_RECORDS = new GetRecords(null).input();
    private static final Shape GET_SHARD_ITERATOR = new GetShardIterator(null, null).input();
    private static final Shape LIST_SHARDS = new ListShards(null).input();
    private static final Shape ADD_TAGS = new AddTagsToStream(null, null).input();

    private static String violations(String json, Shape shape) {
        Struct input = TestShapes.json(json, shape);
        return validationMessage(() -> ConstraintValidator.validate(input, shape));
    }

    private static void valid(String json, Shape shape) {
        Struct input = TestShapes.json(json, shape);
        assertThatCode(() -> ConstraintValidator.validate(input, shape)).doesNotThrowAnyException();
    }

    /** The clauses after the count, in order. */
    private static List<String> clauses(String message) {
        return Arrays.asList(message.substring(message.indexOf(": ") + 2).split("; "));
    }

    @Nested
    class Counting {

        @Test
        void acceptsValidInput() {
            valid("{\"StreamName\": \"ok-name_1.2\", \"ShardCount\": 1}", CREATE_STREAM);
            valid("{\"StreamName\": \"" + "a".repeat(128) + "\", \"ShardCount\": 100000}", CREATE_STREAM);
            valid("{\"ShardIterator\": \"x\", \"Limit\": 10000}", GET_RECORDS);
            valid("{\"ShardIterator\": \"x\", \"Limit\": 1}", GET_RECORDS);
        }

        @Test
        void reportsOneErrorInTheSingular() {
            assertThat(violations("{\"StreamName\": \"a b\", \"ShardCount\": 1}", CREATE_STREAM))
                    .isEqualTo("1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }

        @Test
        void reportsTwoErrorsInThePluralJoinedBySemicolons() {
            String message = violations("{\"StreamName\": \"a b\", \"ShardCount\": 0}", CREATE_STREAM);

            assertThat(message).startsWith("2 validation errors detected: ");
            assertThat(clauses(message)).containsExactlyInAnyOrder(
                    "Value 'a b' at 'streamName' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                    "Value '0' at 'shardCount' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 1");
        }

        @Test
        void reportsEveryViolatedConstraintOfOneMemberPatternFirst() {
            String message = violations("{\"StreamName\": \"\", \"ShardCount\": 0}", CREATE_STREAM);

            assertThat(message).startsWith("3 validation errors detected: ");
            List<String> clauses = clauses(message);
            assertThat(clauses).containsExactlyInAnyOrder(
                    "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
                    "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                    "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1");
            // AWS lists a member's pattern violation before its length violation.
            assertThat(clauses.indexOf("Value '' at 'streamName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"))
                    .isLessThan(clauses.indexOf("Value '' at 'streamName' failed to satisfy constraint: "
                            + "Member must have length greater than or equal to 1"));
        }

        @Test
        void reportsMissingRequiredMemberAsNull() {
            assertThat(violations("{\"ShardCount\": 1}", CREATE_STREAM))
                    .isEqualTo("1 validation error detected: Value null at 'streamName' failed to satisfy constraint: "
                            + "Member must not be null");
        }

        @Test
        void reportsExplicitNullLikeAMissingMember() {
            assertThat(violations("{\"StreamName\": null, \"ShardCount\": 1}", CREATE_STREAM))
                    .isEqualTo("1 validation error detected: Value null at 'streamName' failed to satisfy constraint: "
                            + "Member must not be null");
        }

        @Test
        void reportsOnlyTheLengthWhenALongNameMatchesThePattern() {
            String name = "a".repeat(129);
            assertThat(violations("{\"StreamName\": \"" + name + "\", \"ShardCount\": 1}", CREATE_STREAM))
                    .isEqualTo("1 validation error detected: Value '" + name + "' at 'streamName' failed to satisfy constraint: "
                            + "Member must have length less than or equal to 128");
        }

        @Test
        void reportsAtMostTenErrors() {
            StringBuilder records = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                records.append(i == 0 ? "" : ", ").append("{\"Data\": \"\", \"PartitionKey\": \"\"}");
            }
            String message = violations("{\"StreamName\": \"s\", \"Records\": [" + records + "]}", PUT_RECORDS);

            assertThat(message).startsWith("10 validation errors detected: ");
            assertThat(clauses(message)).hasSize(10);
        }
    }

    @Nested
    class Paths {

        @Test
        void namesListElementMembersByOneBasedIndex() {
            String message = violations("""
                    {"StreamName": "s", "Records": [
                      {"Data": "AA==", "PartitionKey": ""},
                      {"Data": "AA==", "PartitionKey": "ok"}]}
                    """, PUT_RECORDS);
            assertThat(message).isEqualTo("1 validation error detected: Value '' at 'records.1.member.partitionKey' "
                    + "failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        @Test
        void namesTheSecondListElementWithIndexTwo() {
            String key = "k".repeat(257);
            String message = violations("{\"StreamName\": \"s\", \"Records\": [{\"Data\": \"AA==\", \"PartitionKey\": \"a\"}, "
                    + "{\"Data\": \"AA==\", \"PartitionKey\": \"" + key + "\"}]}", PUT_RECORDS);
            assertThat(message).isEqualTo("1 validation error detected: Value '" + key + "' at 'records.2.member.partitionKey' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 256");
        }

        @Test
        void reportsMissingMembersOfListElements() {
            String message = violations("{\"StreamName\": \"s\", \"Records\": [{\"PartitionKey\": \"a\"}]}", PUT_RECORDS);
            assertThat(message).isEqualTo("1 validation error detected: Value null at 'records.1.member.data' "
                    + "failed to satisfy constraint: Member must not be null");
        }

        @Test
        void reportsNullListElements() {
            String message = violations("{\"StreamName\": \"s\", \"Records\": [null]}", PUT_RECORDS);
            assertThat(message).isEqualTo("1 validation error detected: Value null at 'records.1.member' "
                    + "failed to satisfy constraint: Member must not be null");
        }

        @Test
        void reportsAnEmptyListWithItsRendering() {
            assertThat(violations("{\"StreamName\": \"s\", \"Records\": []}", PUT_RECORDS))
                    .isEqualTo("1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: "
                            + "Member must have length greater than or equal to 1");
        }

        @Test
        void namesNestedStructureMembersWithADot() {
            String message = violations("{\"StreamName\": \"s\", \"ShardFilter\": {\"Type\": \"SOMETIMES\"}}", LIST_SHARDS);
            assertThat(message).startsWith("1 validation error detected: Value 'SOMETIMES' at 'shardFilter.type' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [");
        }

        @Test
        void reportsMissingRequiredNestedMember() {
            assertThat(violations("{\"StreamName\": \"s\", \"ShardFilter\": {}}", LIST_SHARDS))
                    .isEqualTo("1 validation error detected: Value null at 'shardFilter.type' "
                            + "failed to satisfy constraint: Member must not be null");
        }

        @Test
        void namesMapValuesByKey() {
            String value = "v".repeat(257);
            String message = violations("{\"StreamName\": \"s\", \"Tags\": {\"team\": \"" + value + "\"}}", ADD_TAGS);
            assertThat(message).isEqualTo("1 validation error detected: Value '" + value + "' at 'tags.team.member' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 256");
        }

        @Test
        void reportsMapKeysThatAreTooLong() {
            String key = "k".repeat(129);
            String message = violations("{\"StreamName\": \"s\", \"Tags\": {\"" + key + "\": \"v\"}}", ADD_TAGS);
            assertThat(message).startsWith("1 validation error detected: ")
                    .contains(" at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: "
                            + "[Member must have length less than or equal to 128, Member must have length greater than or equal to 1]");
        }
    }

    @Nested
    class Values {

        @Test
        void rendersBlobsAsHeapByteBuffers() {
            // PutRecord's own shape allows up to 10 MiB (the stream's maximum is checked later); a 1 MiB blob shape shows the wording.
            Shape oneMiB = Shape.structure(wildrydes.protocol.Member.required("Data", Shape.blob().length(0, 1_048_576)));
            byte[] data = new byte[1_048_577];
            String body = "{\"Data\": \"" + Base64.getEncoder().encodeToString(data) + "\"}";
            assertThat(violations(body, oneMiB))
                    .isEqualTo("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' "
                            + "at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576");
            byte[] tooBig = new byte[10 * 1_048_576 + 1];
            assertThat(violations("{\"StreamName\": \"s\", \"PartitionKey\": \"a\", \"Data\": \""
                    + Base64.getEncoder().encodeToString(tooBig) + "\"}", PUT_RECORD))
                    .contains("at 'data' failed to satisfy constraint: Member must have length less than or equal to 10485760");
        }

        @Test
        void acceptsABlobOfExactlyTheLimit() {
            byte[] data = new byte[1_048_576];
            valid("{\"StreamName\": \"s\", \"PartitionKey\": \"a\", \"Data\": \"" + Base64.getEncoder().encodeToString(data) + "\"}",
                    PUT_RECORD);
        }

        @Test
        void acceptsAnEmptyBlob() {
            valid("{\"StreamName\": \"s\", \"PartitionKey\": \"a\", \"Data\": \"\"}", PUT_RECORD);
        }

        @Test
        void rendersIntegersPlainly() {
            assertThat(violations("{\"ShardIterator\": \"x\", \"Limit\": 0}", GET_RECORDS))
                    .isEqualTo("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 1");
            assertThat(violations("{\"ShardIterator\": \"x\", \"Limit\": 10001}", GET_RECORDS))
                    .isEqualTo("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
                            + "Member must have value less than or equal to 10000");
            assertThat(violations("{\"ShardIterator\": \"x\", \"Limit\": -5}", GET_RECORDS))
                    .isEqualTo("1 validation error detected: Value '-5' at 'limit' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 1");
        }

        @Test
        void listsTheEnumValues() {
            assertThat(violations("{\"StreamName\": \"s\", \"ShardId\": \"shardId-000000000000\", \"ShardIteratorType\": \"OLDEST\"}",
                    GET_SHARD_ITERATOR))
                    .isEqualTo("1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: "
                            + "[AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        }

        @Test
        void treatsEnumValuesCaseSensitively() {
            assertThat(violations("{\"StreamName\": \"s\", \"ShardId\": \"shardId-000000000000\", \"ShardIteratorType\": \"latest\"}",
                    GET_SHARD_ITERATOR)).contains("Value 'latest' at 'shardIteratorType'");
        }

        @Test
        void matchesPatternsAgainstTheWholeValue() {
            // "0|([1-9]\d{0,128})": "01" matches neither alternative as a whole.
            assertThat(violations("{\"StreamName\": \"s\", \"PartitionKey\": \"a\", \"Data\": \"\", \"ExplicitHashKey\": \"01\"}",
                    PUT_RECORD)).isEqualTo("1 validation error detected: Value '01' at 'explicitHashKey' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
            assertThat(violations("{\"StreamName\": \"s\\nx\", \"PartitionKey\": \"a\", \"Data\": \"\"}", PUT_RECORD))
                    .contains("at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }

        @Test
        void countsPartitionKeyLengthInCharacters() {
            valid("{\"StreamName\": \"s\", \"Data\": \"\", \"PartitionKey\": \"" + "\u00e9".repeat(256) + "\"}", PUT_RECORD);
            assertThat(violations("{\"StreamName\": \"s\", \"Data\": \"\", \"PartitionKey\": \"" + "\u00e9".repeat(257) + "\"}",
                    PUT_RECORD)).contains("at 'partitionKey' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 256");
        }
    }
}
