package wildrydes.tables.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wildrydes.tables.sdk.TablesServer.item;
import static wildrydes.tables.sdk.TablesServer.n;
import static wildrydes.tables.sdk.TablesServer.s;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Bad input gets DynamoDB's answer (its error type, status and words), never a 500, and never
 * changes an item. Messages are the service's as recorded by the public conformance suite and
 * the DynamoDB documentation.
 */
class BadInputTest {
    static TablesServer tables;
    static DynamoDbClient ddb;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        tables = new TablesServer(null);
        ddb = tables.ddb;
        tables.createTable("UnicornSensorData", "Name", "S", "StatusTime", "S");
        ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t"), "Distance", n("1"))));
    }

    @AfterAll
    static void stop() {
        tables.close();
    }

    static void refused(Executable call, String type, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
        assertThat(ddb.getItem(r -> r.tableName("UnicornSensorData").key(item("Name", s("Shadowfax"), "StatusTime", s("t")))).item())
                .as("the item is unchanged").isEqualTo(item("Name", s("Shadowfax"), "StatusTime", s("t"), "Distance", n("1")));
    }

    static Map<String, AttributeValue> key() {
        return item("Name", s("Shadowfax"), "StatusTime", s("t"));
    }

    @Test
    void malformedExpressions() {
        refused(() -> ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key()).updateExpression("INVALID SYNTAX HERE")
                        .expressionAttributeValues(Map.of(":v", s("val")))),
                "ValidationException", "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
        refused(() -> ddb.getItem(r -> r.tableName("UnicornSensorData").key(key()).projectionExpression("!!! INVALID !!!")),
                "ValidationException", "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
        refused(() -> ddb.query(r -> r.tableName("UnicornSensorData").keyConditionExpression("Name = :n")
                        .expressionAttributeValues(Map.of(":n", s("x")))),
                "ValidationException", "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name");
        refused(() -> ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key()).updateExpression("SET Distance = :v")),
                "ValidationException", "Invalid UpdateExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :v");
        refused(() -> ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key()).updateExpression("SET Distance = :v")
                        .expressionAttributeValues(Map.of(":v", n("2"), ":unused", s("x")))),
                "ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        refused(() -> ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key()).updateExpression("SET #n = :v")
                        .expressionAttributeNames(Map.of("#n", "Name")).expressionAttributeValues(Map.of(":v", s("x")))),
                "ValidationException", "One or more parameter values were invalid: Cannot update attribute Name. This attribute is part of the key");
        refused(() -> ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key()).updateExpression("SET Distance = Distance + :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "ValidationException", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, "
                        + "operand type: S");
        refused(() -> ddb.query(r -> r.tableName("UnicornSensorData").keyConditionExpression("StatusTime = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "ValidationException", "Query condition missed key schema element: Name");
    }

    @Test
    void wrongKeysAndValues() {
        refused(() -> ddb.getItem(r -> r.tableName("UnicornSensorData").key(item("Name", s("Shadowfax")))),
                "ValidationException", "The provided key element does not match the schema");
        refused(() -> ddb.getItem(r -> r.tableName("UnicornSensorData").key(item("Name", n("1"), "StatusTime", s("t")))),
                "ValidationException", "The provided key element does not match the schema");
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", n("1")))),
                "ValidationException", "One or more parameter values were invalid: Type mismatch for key StatusTime expected: S actual: N");
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax")))),
                "ValidationException", "One or more parameter values were invalid: Missing the key StatusTime in the item");
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t"),
                        "bad", AttributeValue.fromSs(List.of("a", "a"))))),
                "ValidationException", "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t"),
                        "bad", AttributeValue.fromSs(List.of())))),
                "ValidationException", "One or more parameter values were invalid: An string set  may not be empty");
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t"),
                        "bad", n("1".repeat(39))))),
                "ValidationException", "Attempting to store more than 38 significant digits in a Number");
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t"),
                        "bad", n("1e126")))),
                "ValidationException", "Number overflow. Attempting to store a number with magnitude larger than supported range");
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t"),
                        "bad", AttributeValue.fromNul(false)))),
                "ValidationException", "One or more parameter values were invalid: Null attribute value types must have the value of true");
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s(""), "StatusTime", s("t")))),
                "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
                        + "an empty string value. Key: Name");
    }

    @Test
    void oversizedItemsAndBatches() {
        refused(() -> ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t"),
                        "payload", s("x".repeat(400 * 1024))))),
                "ValidationException", "Item size has exceeded the maximum allowed size");
        refused(() -> ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key()).updateExpression("SET payload = :p")
                        .expressionAttributeValues(Map.of(":p", s("x".repeat(400 * 1024 - 10))))),
                "ValidationException", "Item size to update has exceeded the maximum allowed size");
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("Name", s("n" + i), "StatusTime", s("t"))).build())
                    .build());
        }
        assertThatThrownBy(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("UnicornSensorData", requests))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .matches("(?s)1 validation error detected: Value '\\{UnicornSensorData=\\[.+\\]\\}' at 'requestItems' failed to "
                                + "satisfy constraint: Map value must satisfy constraint: \\[Member must have length less than or equal to 25, "
                                + "Member must have length greater than or equal to 1\\]"));
        refused(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("UnicornSensorData", List.of(
                        WriteRequest.builder().putRequest(p -> p.item(key())).build(),
                        WriteRequest.builder().deleteRequest(d -> d.key(key())).build())))),
                "ValidationException", "Provided list of item keys contains duplicates");
        refused(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of())),
                "ValidationException", "The requestItems parameter is required for BatchWriteItem");
    }

    @Test
    void unknownTablesAndIndexes() {
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("nope").item(key()))).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found (Service: DynamoDb, Status Code: 400");
        refused(() -> ddb.query(r -> r.tableName("UnicornSensorData").indexName("missing").keyConditionExpression("#n = :n")
                        .expressionAttributeNames(Map.of("#n", "Name")).expressionAttributeValues(Map.of(":n", s("x")))),
                "ValidationException", "The table does not have the specified index: missing");
        refused(() -> ddb.putItem(r -> r.tableName("bad table!@#").item(key())),
                "ValidationException", "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        refused(() -> ddb.scan(r -> r.tableName("UnicornSensorData").segment(5).totalSegments(5)),
                "ValidationException", "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not "
                        + "less than TotalSegments: 5");
    }

    static HttpResponse<String> post(String target, String contentType, String body, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tables.server.endpoint()))
                .header("Content-Type", contentType).header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            request.header("X-Amz-Date", "20240101T000000Z").header("Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=abc");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void brokenRequestsGetTheServicesErrorTypesNotAServerError() throws Exception {
        String json = "application/x-amz-json-1.0";
        HttpResponse<String> notJson = post("DynamoDB_20120810.GetItem", json, "{not json", true);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
        assertThat(post("DynamoDB_20120810.Nope", json, "{}", true).body())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
        HttpResponse<String> unsigned = post("DynamoDB_20120810.ListTables", json, "{}", false);
        assertThat(unsigned.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\","
                + "\"message\":\"Request is missing Authentication Token\"}");
        HttpResponse<String> wrongType = post("DynamoDB_20120810.GetItem", json, "{\"TableName\":\"UnicornSensorData\",\"Key\":[]}", true);
        assertThat(wrongType.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\",\"Message\":"
                + "\"Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>\"}");
        HttpResponse<String> missing = post("DynamoDB_20120810.PutItem", json, "{\"Item\":{}}", true);
        assertThat(missing.body()).contains("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
                + "Member must not be null");
        HttpResponse<String> ok = post("DynamoDB_20120810.ListTables", json, "{}", true);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amz-crc32")).isPresent();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ok.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ok.headers().firstValue("x-amz-crc32").orElseThrow()).isEqualTo(Long.toString(crc.getValue()));
        assertThat(post("DynamoDB_20120810.ListTables", "text/plain", "{}", true).statusCode()).isEqualTo(404);
    }
}
