package wildrydes.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import wildrydes.fanout.JavaScriptSdkTest;
import wildrydes.testing.ServerFixture;
import wildrydes.testing.TestKeys;

/**
 * Node.js against a server with credentials: the AWS SDK for JavaScript v3 with the right key puts,
 * gets and subscribes (HTTP/2); with a wrong secret it gets InvalidSignatureException. The web
 * console's own signer signs exactly as the SDK's @smithy/signature-v4 does, and the server accepts
 * what each signs (and a presigned request).
 */
class JavaScriptSigningTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.inMemory(c -> c.withCredentials(TestKeys.ALL));

    static JsonNode lastLine(JavaScriptSdkTest.Run run) throws Exception {
        return new ObjectMapper().readTree(run.output().strip().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void theJavaScriptSdkWithTheRightKeyPutsGetsAndSubscribesAndAWrongSecretIsRefused() throws Exception {
        JavaScriptSdkTest.installClient();
        String consumer;
        try (KinesisAsyncClient alice = TestKeys.kinesisAsync(server.endpoint(), TestKeys.ALICE)) {
            alice.createStream(r -> r.streamName("js-signed").shardCount(1)).get(10, TimeUnit.SECONDS);
            consumer = alice.registerStreamConsumer(r -> r.streamARN("arn:aws:kinesis:us-east-1:111111111111:stream/js-signed")
                    .consumerName("node")).get(10, TimeUnit.SECONDS).consumer().consumerARN();
        }
        Thread.sleep(100); // the consumer becomes ACTIVE (state changes take 0 ms here, on the control thread)
        JavaScriptSdkTest.Run run = JavaScriptSdkTest.run(JavaScriptSdkTest.CLIENT_DIR, 60,
                Map.of("KEY_ID", TestKeys.ALICE.id(), "SECRET", TestKeys.ALICE.secret()),
                "node", "kinesis-client.mjs", server.endpoint(), "js-signed", consumer);
        assertThat(run.exitCode()).as("node exited; output:%n%s", run.output()).isZero();
        JsonNode result = lastLine(run);
        String sequenceNumber = result.get("put").get("sequenceNumber").textValue();
        assertThat(result.get("got").get(0).get("sequenceNumber").textValue()).isEqualTo(sequenceNumber);
        JsonNode events = result.get("events");
        assertThat(events.get(events.size() - 1).get("records").get(0).get("sequenceNumber").textValue()).isEqualTo(sequenceNumber);

        JavaScriptSdkTest.Run wrong = JavaScriptSdkTest.run(JavaScriptSdkTest.CLIENT_DIR, 60,
                Map.of("KEY_ID", TestKeys.ALICE.id(), "SECRET", "not-the-secret"),
                "node", "kinesis-client.mjs", server.endpoint(), "js-signed", consumer);
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.output()).contains("InvalidSignatureException")
                .contains("The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void theJavaScriptDynamoDbClientsTakeTheKeyFromTheEnvironmentAndSeeTheirAccountsTablesOnly() throws Exception {
        JavaScriptSdkTest.installClient();
        Map<String, String> bob = Map.of("AWS_ACCESS_KEY_ID", TestKeys.BOB.id(), "AWS_SECRET_ACCESS_KEY", TestKeys.BOB.secret());
        JavaScriptSdkTest.Run run = JavaScriptSdkTest.run(JavaScriptSdkTest.CLIENT_DIR, 60, bob, "node", "dynamodb-signed.mjs",
                server.endpoint(), "BobsJsTable");
        assertThat(run.exitCode()).as("node exited; output:%n%s", run.output()).isZero();
        JsonNode result = lastLine(run);
        assertThat(result.get("arn").asText()).isEqualTo("arn:aws:dynamodb:us-east-1:222222222222:table/BobsJsTable");
        assertThat(result.get("item").get("Distance").asInt()).isEqualTo(3000);
        assertThat(result.get("tables").toString()).contains("BobsJsTable");

        JavaScriptSdkTest.Run alice = JavaScriptSdkTest.run(JavaScriptSdkTest.CLIENT_DIR, 60,
                Map.of("AWS_ACCESS_KEY_ID", TestKeys.ALICE.id(), "AWS_SECRET_ACCESS_KEY", TestKeys.ALICE.secret()), "node", "dynamodb-signed.mjs", server.endpoint(), "AlicesJsTable");
        assertThat(alice.exitCode()).as("node exited; output:%n%s", alice.output()).isZero();
        assertThat(lastLine(alice).get("tables").toString()).contains("AlicesJsTable").doesNotContain("BobsJsTable");

        JavaScriptSdkTest.Run wrong = JavaScriptSdkTest.run(JavaScriptSdkTest.CLIENT_DIR, 60,
                Map.of("AWS_ACCESS_KEY_ID", TestKeys.BOB.id(), "AWS_SECRET_ACCESS_KEY", "not-the-secret"), "node", "dynamodb-signed.mjs", server.endpoint(), "Refused");
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(3);
        assertThat(lastLine(wrong).get("error").asText()).isEqualTo("InvalidSignatureException");
        assertThat(lastLine(wrong).get("message").asText()).startsWith("The request signature we calculated does not match");
    }

    @Test
    void theConsolesSignerSignsAsTheSdkDoesAndTheServerAcceptsBoth() throws Exception {
        JavaScriptSdkTest.installClient();
        Path consoleSigner = Path.of("src", "main", "resources", "console", "sigv4.js").toAbsolutePath();
        JavaScriptSdkTest.Run run = JavaScriptSdkTest.run(JavaScriptSdkTest.CLIENT_DIR, 60, "node", "signing-check.mjs",
                consoleSigner.toString(), server.endpoint(), TestKeys.BOB.id(), TestKeys.BOB.secret());
        assertThat(run.exitCode()).as("node exited; output:%n%s", run.output()).isZero();
        JsonNode result = lastLine(run);
        assertThat(result.get("differences")).as(run.output()).isEmpty();
        assertThat(result.get("console").asInt()).isEqualTo(200);
        assertThat(result.get("sdk").asInt()).isEqualTo(200);
        assertThat(result.get("presigned").asInt()).isEqualTo(200);
        assertThat(result.get("wrongSecret").asText()).isEqualTo("InvalidSignatureException");
    }
}
