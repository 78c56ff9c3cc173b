package wildrydes.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import wildrydes.auth.AccessKey;
import wildrydes.testing.SdkSigner;
import wildrydes.testing.ServerFixture;
import wildrydes.testing.TestClock;
import wildrydes.testing.TestKeys;

/**
 * A server with credentials, through real clients: the AWS SDK for Java v2 (sync CBOR, async HTTP/2 for
 * SubscribeToShard) and plain HTTP signed by the SDK's own signer, in the header and presigned. The right
 * key passes; a wrong secret, an unknown key, a skewed clock and a tampered header, body or query each get
 * AWS's error.
 */
class SignedRequestsTest {
    static final TestClock CLOCK = TestClock.system();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TARGET = "Kinesis_20131202.";

    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory(c -> c.withCredentials(TestKeys.ALL).withClock(CLOCK));

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void clockBack() {
        CLOCK.reset();
        SdkGlobalTime.setGlobalTimeOffset(0); // what a client learnt from a skewed server stays JVM-wide otherwise
    }

    static KinesisException sdkError(Runnable call) {
        try {
            call.run();
        } catch (KinesisException e) {
            return e;
        }
        throw new AssertionError("the call passed");
    }

    @Test
    void theSdkWithTheRightKeyCreatesWritesAndReads() {
        try (KinesisClient alice = TestKeys.kinesis(server.endpoint(), TestKeys.ALICE)) {
            alice.createStream(r -> r.streamName("signed").shardCount(1));
            alice.waiter().waitUntilStreamExists(r -> r.streamName("signed"));
            String sequence = alice.putRecord(r -> r.streamName("signed").partitionKey("Shadowfax")
                    .data(SdkBytes.fromUtf8String("{\"Name\":\"Shadowfax\"}"))).sequenceNumber();
            String iterator = alice.getShardIterator(r -> r.streamName("signed").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertThat(alice.getRecords(r -> r.shardIterator(iterator)).records())
                    .singleElement().satisfies(record -> assertThat(record.sequenceNumber()).isEqualTo(sequence));
            assertThat(alice.describeStreamSummary(r -> r.streamName("signed")).streamDescriptionSummary().streamARN())
                    .isEqualTo("arn:aws:kinesis:us-east-1:111111111111:stream/signed");
        }
    }

    @Test
    void aTemporaryKeyWorksWithItsSessionTokenOnly() {
        try (KinesisClient temporary = TestKeys.kinesis(server.endpoint(), TestKeys.ALICE_TEMPORARY);
             KinesisClient withoutToken = TestKeys.kinesis(server.endpoint(),
                     TestKeys.provider(TestKeys.ALICE_TEMPORARY.id(), TestKeys.ALICE_TEMPORARY.secret()))) {
            assertThat(temporary.listStreams().streamNames()).isNotNull();
            KinesisException refused = sdkError(withoutToken::listStreams);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
            assertThat(refused.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignatureThatShowsWhatTheServerComputed() {
        try (KinesisClient wrong = TestKeys.kinesis(server.endpoint(), TestKeys.provider(TestKeys.ALICE.id(), "not-the-secret"))) {
            KinesisException refused = sdkError(wrong::listStreams);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match "
                    + "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.\n\nThe Canonical String for this request should have been\n'POST\n/\n\n")
                    .contains("x-amz-target:Kinesis_20131202.ListStreams\n")
                    .contains("\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n");
        }
    }

    @Test
    void anUnknownKeyIsAnUnrecognizedClient() {
        try (KinesisClient stranger = TestKeys.kinesis(server.endpoint(), TestKeys.provider("AKIDSTRANGER", "whatever"))) {
            KinesisException refused = sdkError(stranger::listStreams);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
        }
    }

    @Test
    void aSkewedClockIsRefusedAndTheSdkCorrectsItselfFromTheDateOfTheAnswer() {
        CLOCK.advance(Duration.ofMinutes(10)); // the server's clock; to the client, its own is 10 minutes slow
        try (KinesisClient noRetries = TestKeys.kinesis(server.endpoint(), TestKeys.ALICE)) {
            KinesisException refused = sdkError(noRetries::listStreams);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(refused.awsErrorDetails().errorMessage()).matches(
                    "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
        }
        try (KinesisClient withRetries = KinesisClient.builder().endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(TestKeys.provider(TestKeys.ALICE))
                .httpClient(ApacheHttpClient.create()).build()) {
            assertThat(withRetries.listStreams().streamNames()).isNotNull();
        }
    }

    // ---------------------------------------------------------------- plain HTTP, signed by the SDK's signer

    static SdkHttpRequest apiCall(String endpoint, String operation) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(endpoint + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET + operation).build();
    }

    HttpResponse<String> send(SdkHttpRequest request, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).timeout(Duration.ofSeconds(20))
                .method(request.method().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
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
        assertThat(body.get("__type").asText()).isEqualTo(type);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
        return body;
    }

    SdkHttpRequest signed(AccessKey key, SdkHttpRequest request, String body) {
        return SdkSigner.of(key.id(), key.secret()).withClock(CLOCK).sign(request, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTamperedHeaderBodyOrQueryParameterIsAnInvalidSignature() throws Exception {
        String body = "{\"Limit\": 5}";
        SdkHttpRequest good = signed(TestKeys.BOB, apiCall(server.endpoint(), "ListStreams"), body);
        assertThat(send(good, body).statusCode()).isEqualTo(200);

        SdkHttpRequest header = good.toBuilder().putHeader("X-Amz-Target", TARGET + "DescribeLimits").build();
        assertThat(error(send(header, body), "InvalidSignatureException").get("message").asText())
                .contains("x-amz-target:Kinesis_20131202.DescribeLimits");
        assertThat(error(send(good, "{\"Limit\": 6}"), "InvalidSignatureException").get("message").asText())
                .startsWith("The request signature we calculated does not match");
        SdkHttpRequest query = good.toBuilder().putRawQueryParameter("Limit", "6").build();
        assertThat(error(send(query, body), "InvalidSignatureException").get("message").asText()).contains("\n/\nLimit=6\n");
    }

    @Test
    void presignedRequestsWorkUntilTheyExpire() throws Exception {
        SdkSigner alice = SdkSigner.of(TestKeys.ALICE.id(), TestKeys.ALICE.secret()).withClock(CLOCK);
        String body = "{}";
        SdkHttpRequest presignedPost = alice.presign(apiCall(server.endpoint(), "ListStreams"), body.getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(10));
        assertThat(presignedPost.getUri().getRawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Credential=AKIDALICE");
        assertThat(presignedPost.firstMatchingHeader("Authorization")).isEmpty();
        HttpResponse<String> listed = send(presignedPost, body);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);

        SdkHttpRequest metrics = alice.presign(SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(server.endpoint() + "/console/api/activity")).build(), null, Duration.ofMinutes(10));
        assertThat(send(metrics, null).statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofMinutes(11));
        JsonNode expired = error(send(presignedPost, body), "InvalidSignatureException");
        assertThat(expired.get("message").asText()).startsWith("Signature expired: ").endsWith(" - 600 sec.)");
    }

    @Test
    void theConsolesPagesArePublicButAnAccountsDataNeedsASignature() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/console/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        HttpResponse<String> auth = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/console/api/auth")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(auth.body())).isEqualTo(JSON.readTree(
                "{\"credentialsRequired\":true,\"region\":\"us-east-1\",\"service\":\"kinesis\"}"));

        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(error(unsigned, "MissingAuthenticationTokenException").get("message").asText()).isEqualTo("Missing Authentication Token");

        try (KinesisClient bob = TestKeys.kinesis(server.endpoint(), TestKeys.BOB)) {
            bob.createStream(r -> r.streamName("bobs-metrics").shardCount(1));
        }
        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(server.endpoint() + "/metrics")).build();
        HttpResponse<String> bobs = send(signed(TestKeys.BOB, get, ""), null);
        assertThat(bobs.statusCode()).isEqualTo(200);
        assertThat(bobs.body()).contains("stream=\"bobs-metrics\"");
        HttpResponse<String> alices = send(signed(TestKeys.ALICE, get, ""), null);
        assertThat(alices.statusCode()).isEqualTo(200);
        assertThat(alices.body()).doesNotContain("bobs-metrics");
    }

    @Test
    void subscribeToShardOverHttp2IsSignedLikeEveryOtherCall() throws Exception {
        String arn;
        try (KinesisClient alice = TestKeys.kinesis(server.endpoint(), TestKeys.ALICE)) {
            alice.createStream(r -> r.streamName("fanout").shardCount(1));
            alice.waiter().waitUntilStreamExists(r -> r.streamName("fanout"));
            String streamArn = alice.describeStreamSummary(r -> r.streamName("fanout")).streamDescriptionSummary().streamARN();
            arn = alice.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("dashboard")).consumer().consumerARN();
            assertThat(arn).startsWith("arn:aws:kinesis:us-east-1:111111111111:stream/fanout/consumer/dashboard:");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (alice.describeStreamConsumer(r -> r.consumerARN(arn)).consumerDescription().consumerStatus() != ConsumerStatus.ACTIVE) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            alice.putRecord(r -> r.streamName("fanout").partitionKey("Shadowfax").data(SdkBytes.fromUtf8String("pushed")));
        }
        try (KinesisAsyncClient alice = TestKeys.kinesisAsync(server.endpoint(), TestKeys.ALICE)) {
            CompletableFuture<String> first = new CompletableFuture<>();
            SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                    .onError(first::completeExceptionally)
                    .subscriber(event -> {
                        if (event instanceof SubscribeToShardEvent e && !e.records().isEmpty()) {
                            first.complete(e.records().get(0).data().asUtf8String());
                        }
                    }).build();
            CompletableFuture<Void> call = alice.subscribeToShard(r -> r.consumerARN(arn).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)), handler);
            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("pushed");
            call.cancel(true);
        }
        AccessKey wrong = new AccessKey(TestKeys.ALICE.id(), "not-the-secret", "111111111111");
        try (KinesisAsyncClient impostor = TestKeys.kinesisAsync(server.endpoint(), wrong)) {
            CompletableFuture<Void> call = impostor.subscribeToShard(r -> r.consumerARN(arn).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.LATEST)), SubscribeToShardResponseHandler.builder()
                    .subscriber(event -> { }).build());
            assertThatThrownBy(() -> call.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(KinesisException.class)
                    .cause().satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode())
                            .isEqualTo("InvalidSignatureException"));
        }
    }
}
