package wildrydes.lab.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import wildrydes.lab.tail.TailRecord;

/** The built-in function: JSON marshalled as the DocumentClient does, batches of 25, and its errors as the Node.js function's. */
class BuiltInFunctionTest {
    static LocalServer local;
    static BuiltInFunction function;

    @BeforeAll
    static void start() throws Exception {
        local = new LocalServer();
        List<String> keys = UnicornTable.ensure(local.dynamo, "UnicornSensorData", true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(keys).containsExactly("Name", "StatusTime");
        function = new BuiltInFunction("WildRydesStreamProcessor", new TableWriter(local.dynamo, "UnicornSensorData", keys),
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    static FunctionEvent event(List<String> datas) {
        List<TailRecord> records = new ArrayList<>();
        for (int i = 0; i < datas.size(); i++) {
            records.add(new TailRecord("shardId-000000000000", Integer.toString(1000 + i), 0, false, true, "k", null, Instant.now(),
                    datas.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return new FunctionEvent(new FunctionEvent.Source("arn:aws:kinesis:us-east-1:000000000000:stream/s", "us-east-1", "arn:r"),
                "shardId-000000000000", records, null);
    }

    @Test
    void jsonValuesBecomeTheAttributeTypesTheDocumentClientWrites() {
        Map<String, AttributeValue> item = JsonItems.item(("{\"Name\":\"Shadowfax\",\"Latitude\":40.749167123456789012345,"
                + "\"Distance\":175,\"Big\":123456789012345678901234567890,\"Exp\":1e3,\"Ok\":true,\"No\":false,\"Nothing\":null,"
                + "\"Nested\":{\"a\":[1,\"x\",{\"b\":null}]},\"Empty\":\"\"}\n").getBytes(StandardCharsets.UTF_8));
        assertThat(item.keySet()).containsExactly("Name", "Latitude", "Distance", "Big", "Exp", "Ok", "No", "Nothing", "Nested", "Empty");
        assertThat(item.get("Name")).isEqualTo(AttributeValue.fromS("Shadowfax"));
        assertThat(item.get("Latitude")).as("the number's text, not rounded").isEqualTo(AttributeValue.fromN("40.749167123456789012345"));
        assertThat(item.get("Distance")).isEqualTo(AttributeValue.fromN("175"));
        assertThat(item.get("Big")).isEqualTo(AttributeValue.fromN("123456789012345678901234567890"));
        assertThat(item.get("Exp")).isEqualTo(AttributeValue.fromN("1e3"));
        assertThat(item.get("Ok")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(item.get("No")).isEqualTo(AttributeValue.fromBool(false));
        assertThat(item.get("Nothing")).isEqualTo(AttributeValue.fromNul(true));
        assertThat(item.get("Nested")).isEqualTo(AttributeValue.fromM(Map.of("a", AttributeValue.fromL(List.of(AttributeValue.fromN("1"),
                AttributeValue.fromS("x"), AttributeValue.fromM(Map.of("b", AttributeValue.fromNul(true))))))));
        assertThat(item.get("Empty")).isEqualTo(AttributeValue.fromS(""));
        assertThatThrownBy(() -> JsonItems.item("[1]".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not an object");
        assertThatThrownBy(() -> JsonItems.item("{\"a\":".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixtySummariesAreWrittenWithThreeBatchWriteItemCallsAndReadBackUnchanged() throws Exception {
        List<String> summaries = Summaries.make(List.of("Shadowfax", "Bucephalus", "Rocinante"), 20);
        long before = local.server.tables().metrics().calls("BatchWriteItem", "UnicornSensorData");
        InvocationResult result = function.invoke(event(summaries));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        assertThat(result.payloadText()).isEqualTo("\"Delivered 60 records\"");
        assertThat(local.server.tables().metrics().calls("BatchWriteItem", "UnicornSensorData") - before).isEqualTo(3);
        assertThat(Summaries.table(local.dynamo, "UnicornSensorData")).containsAllEntriesOf(Summaries.expected(summaries));
    }

    @Test
    void twoSummariesWithOneKeyInOneCallKeepTheLaterAsPutItemsWould() throws Exception {
        InvocationResult result = function.invoke(event(List.of("{\"Name\":\"Twice\",\"StatusTime\":\"t\",\"Distance\":1}",
                "{\"Name\":\"Twice\",\"StatusTime\":\"t\",\"Distance\":2}")));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        assertThat(Summaries.table(local.dynamo, "UnicornSensorData").get("Twice|t").get("Distance").n()).isEqualTo("2");
    }

    @Test
    void aRecordThatIsNotJsonIsASyntaxErrorAndAnItemWithoutItsKeyTheServicesValidationError() throws Exception {
        InvocationResult notJson = function.invoke(event(List.of("{\"Name\":\"A\",\"StatusTime\":\"t\"}", "not json")));
        assertThat(notJson.errorType()).isEqualTo("SyntaxError");
        assertThat(Json.MAPPER.readTree(notJson.payload()).path("errorType").asText()).isEqualTo("SyntaxError");
        InvocationResult noKey = function.invoke(event(List.of("{\"Name\":\"A\"}")));
        assertThat(noKey.errorType()).isEqualTo("ValidationException");
        assertThat(Json.MAPPER.readTree(noKey.payload()).path("errorMessage").asText()).contains("Missing the key StatusTime");
    }
}
