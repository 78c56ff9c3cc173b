package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.http.TestServer.AMZ_DATE;
import static wildrydes.http.TestServer.AUTHORIZATION;
import static wildrydes.http.TestServer.CBOR;
import static wildrydes.http.TestServer.JSON;
import static wildrydes.http.TestServer.assertError;
import static wildrydes.http.TestServer.assertJsonError;
import static wildrydes.http.TestServer.assertRequestIds;
import static wildrydes.http.TestServer.body;
import static wildrydes.http.TestServer.contentType;
import static wildrydes.protocol.CborBytes.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Content type, X-Amz-Target and the headers of every answer. */
class RequestRoutingTest {
    private static final String STREAM = "routing";
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final TestServer server = TestServer.inMemory().withStream(STREAM, 2).withMarker();

    @Nested
    class Targets {

        @Test
        void rejectsRequestWithoutTargetAsUnknownOperation() {
            server.survives(STREAM, () -> {
                HttpResponse<byte[]> response = server.send("/", EMPTY_JSON,
                        "Content-Type", JSON, "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
                assertJsonError(response, "UnknownOperationException");
            }, server.first());
        }

        @Test
        void rejectsRequestWithoutTargetAsUnknownOperationEvenWithoutAuthentication() {
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", JSON);
            assertJsonError(response, "UnknownOperationException");
        }

        @Test
        void rejectsUnknownOperation() {
            server.survives(STREAM, () -> {
                HttpResponse<byte[]> response = server.postJson("ListStream", "{}");
                assertJsonError(response, "UnknownOperationException");
            }, server.first());
        }

        @Test
        void rejectsOperationOfAnotherService() {
            // DynamoDB_20120810.* is answered by the tables API on the same port (wildrydes.tables.api).
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", JSON,
                    "X-Amz-Target", "Firehose_20150804.ListDeliveryStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            assertJsonError(response, "UnknownOperationException");
        }

        @Test
        void rejectsTargetWithoutOperation() {
            for (String target : new String[]{"Kinesis_20131202", "Kinesis_20131202.", "ListStreams", ""}) {
                HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", JSON,
                        "X-Amz-Target", target, "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
                assertJsonError(response, "UnknownOperationException");
            }
        }

        @Test
        void treatsOperationNamesCaseSensitively() {
            assertJsonError(server.postJson("liststreams", "{}"), "UnknownOperationException");
        }

        @Test
        void answersUnknownOperationInCborToACborRequest() {
            HttpResponse<byte[]> response = server.post("NoSuchThing", CBOR, cbor().mapStart().end().toBytes());
            assertError(response, 400, "UnknownOperationException", CBOR);
        }
    }

    @Nested
    class ContentTypes {

        @Test
        void rejectsUnsupportedContentTypeNamingTheSupportedOnes() {
            server.survives(STREAM, () -> {
                HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", "text/plain",
                        "X-Amz-Target", "Kinesis_20131202.ListStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
                String message = assertJsonError(response, "SerializationException");
                assertThat(message).contains("text/plain", "application/x-amz-json-1.1", "application/x-amz-cbor-1.1");
            }, server.first());
        }

        @Test
        void rejectsMissingContentType() {
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON,
                    "X-Amz-Target", "Kinesis_20131202.ListStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            String message = assertJsonError(response, "SerializationException");
            assertThat(message).contains("application/x-amz-json-1.1", "application/x-amz-cbor-1.1");
        }

        @Test
        void rejectsJson10ContentType() {
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", "application/x-amz-json-1.0",
                    "X-Amz-Target", "Kinesis_20131202.ListStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            assertThat(assertJsonError(response, "SerializationException")).contains("application/x-amz-json-1.0");
        }

        @Test
        void answersJsonWithTheJsonContentType() {
            HttpResponse<byte[]> response = server.postJson("ListStreams", "{}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo(JSON);
            assertThat(body(response).get("StreamNames")).isNotNull();
        }

        @Test
        void answersCborWithTheCborContentType() {
            HttpResponse<byte[]> response = server.post("ListStreams", CBOR, cbor().map(0).toBytes());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo(CBOR);
            JsonNode names = body(response).get("StreamNames");
            assertThat(names.isArray()).isTrue();
            assertThat(names.toString()).contains(STREAM);
        }

        @Test
        void acceptsContentTypeParameters() {
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", "application/x-amz-json-1.1; charset=utf-8",
                    "X-Amz-Target", "Kinesis_20131202.ListStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo(JSON);
        }

        @Test
        void answersErrorsInTheRequestFormat() {
            HttpResponse<byte[]> json = server.postJson("DescribeStreamSummary", "{\"StreamName\": \"missing\"}");
            assertThat(assertJsonError(json, "ResourceNotFoundException")).contains("missing");

            HttpResponse<byte[]> cbor = server.post("DescribeStreamSummary", CBOR,
                    cbor().mapStart().text("StreamName").text("missing").end().toBytes());
            assertThat(assertError(cbor, 400, "ResourceNotFoundException", CBOR)).contains("missing");
        }
    }

    @Nested
    class Headers {

        @Test
        void sendsRequestIdsOnSuccess() {
            HttpResponse<byte[]> response = server.postJson("ListStreams", "{}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertRequestIds(response);
        }

        @Test
        void sendsRequestIdsOnErrors() {
            assertRequestIds(server.postJson("Nope", "{}"));
            assertRequestIds(server.send("/", EMPTY_JSON, "Content-Type", "text/plain"));
            assertRequestIds(server.postJson("ListStreams", "not json"));
        }

        @Test
        void sendsADifferentRequestIdEachTime() {
            String a = server.postJson("ListStreams", "{}").headers().firstValue("x-amzn-RequestId").orElseThrow();
            String b = server.postJson("ListStreams", "{}").headers().firstValue("x-amzn-RequestId").orElseThrow();
            assertThat(a).isNotEqualTo(b);
        }

        @Test
        void doesNotSendErrorTypeOnSuccess() {
            HttpResponse<byte[]> response = server.postJson("ListStreams", "{}");
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).isEmpty();
        }

        @Test
        void sendsAContentLengthThatMatchesTheBody() {
            HttpResponse<byte[]> response = server.postJson("DescribeStreamSummary", "{\"StreamName\": \"" + STREAM + "\"}");
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        }
    }

    @Nested
    class Get {

        @Test
        void answersGetRootWithPlainText() {
            HttpResponse<byte[]> response = server.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("text/plain");
            assertThat(TestServer.text(response)).contains("Kinesis", "X-Amz-Target");
            assertRequestIds(response);
        }

        @Test
        void stillServesApiCallsAfterAGet() {
            server.survives(STREAM, () -> assertThat(server.get("/").statusCode()).isEqualTo(200), server.first());
        }
    }
}
