package wildrydes.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;
import wildrydes.testing.SdkSigner;
import wildrydes.testing.TestClock;
import wildrydes.testing.TestKeys;

/**
 * The DynamoDB API of a server with credentials, through the AWS SDK for Java v2 and plain HTTP signed by
 * the SDK's own signer: verified by the same SigV4 rules as the Kinesis API, scoped to {@code dynamodb},
 * refused in DynamoDB's words and order of checks; each account sees its own tables only, with its id in
 * their ARNs, kept under its own data directory across a restart.
 */
class SignedTablesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TARGET = "DynamoDB_20120810.";
    final TestClock clock = TestClock.system();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @AfterEach
    void clockBack() {
        SdkGlobalTime.setGlobalTimeOffset(0); // what a client learnt from a skewed server stays JVM-wide otherwise
    }

    KinesisServer start() {
        return KinesisServer.start(ServerConfig.defaults().withPort(0).withStateChangeMillis(0).withDataDir(dir.resolve("data"))
                .withCredentials(TestKeys.ALL).withClock(clock));
    }

    static void createTable(DynamoDbClient client, String name, String hashKey) {
        client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH)));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (client.describeTable(r -> r.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    static DynamoDbException sdkError(Runnable call) {
        try {
            call.run();
        } catch (DynamoDbException e) {
            return e;
        }
        throw new AssertionError("the call passed");
    }

    @Test
    void twoAccountsCannotSeeEachOthersTablesAndKeepThemAcrossARestart() {
        try (KinesisServer server = start();
             DynamoDbClient alice = TestKeys.dynamo(server.endpoint(), TestKeys.ALICE);
             DynamoDbClient bob = TestKeys.dynamo(server.endpoint(), TestKeys.BOB)) {
            createTable(alice, "UnicornSensorData", "Name");
            createTable(alice, "AliceOnly", "Id");
            createTable(bob, "UnicornSensorData", "Unicorn");
            alice.putItem(r -> r.tableName("UnicornSensorData").item(Map.of("Name", AttributeValue.fromS("Shadowfax"))));
            bob.putItem(r -> r.tableName("UnicornSensorData").item(Map.of("Unicorn", AttributeValue.fromS("Rocinante"))));

            assertThat(alice.listTables().tableNames()).containsExactly("AliceOnly", "UnicornSensorData");
            assertThat(bob.listTables().tableNames()).containsExactly("UnicornSensorData");
            assertThat(alice.describeTable(r -> r.tableName("UnicornSensorData")).table().tableArn())
                    .isEqualTo("arn:aws:dynamodb:us-east-1:111111111111:table/UnicornSensorData");
            assertThat(bob.describeTable(r -> r.tableName("UnicornSensorData")).table().tableArn())
                    .isEqualTo("arn:aws:dynamodb:us-east-1:222222222222:table/UnicornSensorData");
            assertThat(bob.describeTable(r -> r.tableName("UnicornSensorData")).table().keySchema().get(0).attributeName())
                    .isEqualTo("Unicorn");
            DynamoDbException notBobs = sdkError(() -> bob.describeTable(r -> r.tableName("AliceOnly")));
            assertThat(notBobs).isInstanceOf(ResourceNotFoundException.class);
            assertThat(bob.scan(r -> r.tableName("UnicornSensorData")).items())
                    .containsExactly(Map.of("Unicorn", AttributeValue.fromS("Rocinante")));
            String alicesArn = alice.describeTable(r -> r.tableName("UnicornSensorData")).table().tableArn();
            assertThat(sdkError(() -> bob.listTagsOfResource(r -> r.resourceArn(alicesArn))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(server.tables().listTables(null, 100)).isEmpty(); // the default account's
        }
        assertThat(dir.resolve("data/accounts/111111111111/tables")).isDirectory();
        assertThat(dir.resolve("data/accounts/222222222222/tables")).isDirectory();
        try (KinesisServer again = start();
             DynamoDbClient alice = TestKeys.dynamo(again.endpoint(), TestKeys.ALICE);
             DynamoDbClient carol = TestKeys.dynamo(again.endpoint(), TestKeys.CAROL)) {
            assertThat(alice.scan(r -> r.tableName("UnicornSensorData")).items())
                    .containsExactly(Map.of("Name", AttributeValue.fromS("Shadowfax")));
            assertThat(carol.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void aWrongSecretAnUnknownKeyAMissingTokenAndAKinesisScopeAreRefusedInDynamoDbsWords() {
        try (KinesisServer server = start();
             DynamoDbClient wrong = TestKeys.dynamo(server.endpoint(), TestKeys.provider(TestKeys.ALICE.id(), "not-the-secret"));
             DynamoDbClient stranger = TestKeys.dynamo(server.endpoint(), TestKeys.provider("AKIDSTRANGER", "whatever"));
             DynamoDbClient withoutToken = TestKeys.dynamo(server.endpoint(),
                     TestKeys.provider(TestKeys.ALICE_TEMPORARY.id(), TestKeys.ALICE_TEMPORARY.secret()));
             DynamoDbClient temporary = TestKeys.dynamo(server.endpoint(), TestKeys.ALICE_TEMPORARY)) {
            DynamoDbException invalid = sdkError(wrong::listTables);
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(invalid.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match "
                    + "the signature you provided. Check your AWS Secret Access Key and signing method.")
                    .contains("x-amz-target:DynamoDB_20120810.ListTables\n");
            for (DynamoDbClient refused : new DynamoDbClient[] {stranger, withoutToken}) {
                DynamoDbException unrecognized = sdkError(refused::listTables);
                assertThat(unrecognized.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(unrecognized.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
            }
            assertThat(temporary.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void aSkewedClockIsRefusedAndTheSdkCorrectsItself() {
        try (KinesisServer server = start();
             DynamoDbClient noRetries = TestKeys.dynamo(server.endpoint(), TestKeys.BOB)) {
            clock.advance(Duration.ofMinutes(10));
            DynamoDbException expired = sdkError(noRetries::listTables);
            assertThat(expired.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(expired.awsErrorDetails().errorMessage()).matches(
                    "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
            try (DynamoDbClient withRetries = DynamoDbClient.builder().endpointOverride(URI.create(server.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(TestKeys.provider(TestKeys.BOB))
                    .httpClient(ApacheHttpClient.create()).build()) {
                assertThat(withRetries.listTables().tableNames()).isEmpty();
            }
        }
    }

    // ---------------------------------------------------------------- plain HTTP, signed by the SDK's signer

    static SdkHttpRequest call(String endpoint, String operation) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(endpoint + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", TARGET + operation).build();
    }

    HttpResponse<String> send(SdkHttpRequest request, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Set<String> restricted = Set.of("host", "content-length", "connection", "expect", "upgrade");
        request.forEachHeader((name, values) -> {
            if (!restricted.contains(name.toLowerCase())) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode error(HttpResponse<String> response, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("com.amazon.coral.service#" + type);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
        assertThat(response.headers().firstValue("x-amz-crc32")).isPresent();
        return body;
    }

    @Test
    void aTamperedHeaderOrBodyAWrongServiceAndPresignedCallsAreCheckedAfterTheOperation() throws Exception {
        try (KinesisServer server = start()) {
            SdkSigner bob = SdkSigner.of(TestKeys.BOB.id(), TestKeys.BOB.secret()).withService("dynamodb").withClock(clock);
            String body = "{\"Limit\": 5}";
            SdkHttpRequest good = bob.sign(call(server.endpoint(), "ListTables"), body.getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> listed = send(good, body);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            assertThat(JSON.readTree(listed.body()).get("TableNames")).isEmpty();

            assertThat(error(send(good, "{\"Limit\": 6}"), "InvalidSignatureException").get("message").asText())
                    .startsWith("The request signature we calculated does not match");
            SdkHttpRequest header = good.toBuilder().putHeader("X-Amz-Target", TARGET + "DescribeLimits").build();
            assertThat(error(send(header, body), "InvalidSignatureException").get("message").asText())
                    .contains("x-amz-target:DynamoDB_20120810.DescribeLimits");
            // DynamoDB names an unknown operation before it looks at the signature
            SdkHttpRequest unknown = good.toBuilder().putHeader("X-Amz-Target", TARGET + "NoSuchOperation").build();
            HttpResponse<String> unknownAnswer = send(unknown, body);
            assertThat(JSON.readTree(unknownAnswer.body()).get("__type").asText())
                    .isEqualTo("com.amazon.coral.service#UnknownOperationException");

            SdkHttpRequest kinesisScoped = SdkSigner.of(TestKeys.BOB.id(), TestKeys.BOB.secret()).withClock(clock)
                    .sign(call(server.endpoint(), "ListTables"), body.getBytes(StandardCharsets.UTF_8));
            assertThat(error(send(kinesisScoped, body), "InvalidSignatureException").get("message").asText())
                    .isEqualTo("Credential should be scoped to correct service: 'dynamodb'.");

            SdkHttpRequest presigned = bob.presign(call(server.endpoint(), "ListTables"), body.getBytes(StandardCharsets.UTF_8),
                    Duration.ofMinutes(10));
            assertThat(presigned.firstMatchingHeader("Authorization")).isEmpty();
            assertThat(send(presigned, body).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(11));
            assertThat(error(send(presigned, body), "InvalidSignatureException").get("message").asText())
                    .startsWith("Signature expired: ").endsWith(" - 600 sec.)");
        }
    }
}
