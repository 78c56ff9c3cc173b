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
                TestServer.assertBareError(response, 400, "UnknownOperationException", JSON);
            }, server.first());
        }

        @Test
        void rejectsRequestWithoutTargetAsUnknownOperationEvenWithoutAuthentication() {
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", JSON);
            TestServer.assertBareError(response, 400, "UnknownOperationException", JSON);
        }

        @Test
        void rejectsUnknownOperation() {
            server.survives(STREAM, () -> {
                HttpResponse<byte[]> response = server.postJson("ListStream", "{}");
                TestServer.assertBareError(response, 400, "UnknownOperationException", JSON);
            }, server.first());
        }

        @Test
        void rejectsOperationOfAnotherService() {
            // DynamoDB_20120810.* is answered by the tables API on the same port (wildrydes.tables.api).
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", JSON,
                    "X-Amz-Target", "Firehose_20150804.ListDeliveryStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            TestServer.assertBareError(response, 400, "UnknownOperationException", JSON);
        }

        @Test
        void rejectsTargetWithoutOperation() {
            for (String target : new String[]{"Kinesis_20131202", "Kinesis_20131202.", "ListStreams", ""}) {
                HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", JSON,
                        "X-Amz-Target", target, "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
                TestServer.assertBareError(response, 400, "UnknownOperationException", JSON);
            }
        }

        @Test
        void treatsOperationNamesCaseSensitively() {
            TestServer.assertBareError(server.postJson("liststreams", "{}"), 400, "UnknownOperationException", JSON);
        }

        @Test
        void answersUnknownOperationInCborToACborRequest() {
            HttpResponse<byte[]> response = server.post("NoSuchThing", CBOR, cbor().mapStart().end().toBytes());
            TestServer.assertBareError(response, 400, "UnknownOperationException", CBOR);
        }
    }

    @Nested
    class ContentTypes {

        @Test
        void answersAnUnsupportedContentTypeWithAwsXmlUnknownOperation() {
            server.survives(STREAM, () -> {
                HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", "text/plain",
                        "X-Amz-Target", "Kinesis_20131202.ListStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
                assertXml(response, 404, "<UnknownOperationException/>\n");
            }, server.first());
        }

        @Test
        void answersAMissingContentTypeWithAwsXml() {
            HttpResponse<byte[]> routed = server.send("/", EMPTY_JSON,
                    "X-Amz-Target", "Kinesis_20131202.ListStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            assertXml(routed, 404, "<UnknownOperationException/>\n");
            HttpResponse<byte[]> unrouted = server.send("/", EMPTY_JSON, "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            assertXml(unrouted, 403, "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be "
                    + "authorized</Message>\n</AccessDeniedException>\n");
        }

        @Test
        void answersJson10AsAnUnknownContentType() {
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", "application/x-amz-json-1.0",
                    "X-Amz-Target", "Kinesis_20131202.ListStreams", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            assertXml(response, 404, "<UnknownOperationException/>\n");
        }

        @Test
        void answersAnEmptyBodyInCborUnlessTheRequestIsJson11() {
            HttpResponse<byte[]> noType = server.send("/", null, "X-Amz-Target", "Kinesis_20131202.ListStreams",
                    "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            TestServer.assertBareError(noType, 400, "SerializationException", CBOR);
            TestServer.assertBareError(server.post("ListStreams", JSON, null), 400, "SerializationException", JSON);
            TestServer.assertBareError(server.post("Nope", JSON, null), 400, "UnknownOperationException", JSON);
        }

        @Test
        void answersTheDeprecatedJson10ProtocolWithItsEnvelope() {
            HttpResponse<byte[]> response = server.send("/", EMPTY_JSON, "Content-Type", "application/json",
                    "X-Amz-Target", "Kinesis_20131202.ListStreams");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(contentType(response)).isEqualTo("application/json");
            assertThat(TestServer.text(response))
                    .isEqualTo("{\"Output\":{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"},\"Version\":\"1.0\"}");
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
        void answersAGetThatIsNotABrowsersAsAwsDoesInXml() {
            HttpResponse<byte[]> response = server.get("/");
            assertXml(response, 403, "<MissingAuthenticationTokenException>\n  <Message>Missing Authentication Token</Message>\n"
                    + "</MissingAuthenticationTokenException>\n");
            assertRequestIds(response);
        }

        @Test
        void stillServesApiCallsAfterAGet() {
            server.survives(STREAM, () -> assertThat(server.get("/").statusCode()).isEqualTo(403), server.first());
        }
    }

    /** AWS's XML answer: the status, no Content-Type, exactly these bytes. */
    private static void assertXml(HttpResponse<byte[]> response, int status, String body) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();
        assertThat(TestServer.text(response)).isEqualTo(body);
        assertRequestIds(response);
    }
}
