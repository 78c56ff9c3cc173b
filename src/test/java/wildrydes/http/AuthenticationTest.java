package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.http.TestServer.AMZ_DATE;
import static wildrydes.http.TestServer.AUTHORIZATION;
import static wildrydes.http.TestServer.CBOR;
import static wildrydes.http.TestServer.JSON;
import static wildrydes.http.TestServer.assertError;
import static wildrydes.http.TestServer.assertJsonError;
import static wildrydes.http.TestServer.body;
import static wildrydes.protocol.CborBytes.cbor;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SigV4-shaped authentication: present or not, complete or not; the signature itself is not checked. */
class AuthenticationTest {
    private static final String STREAM = "auth";
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String LIST_STREAMS = "Kinesis_20131202.ListStreams";
    private static final String PRESIGNED = "/?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fkinesis%2Faws4_request"
            + "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";

    @RegisterExtension
    static final TestServer server = TestServer.inMemory().withStream(STREAM, 1).withMarker();

    private static HttpResponse<byte[]> listStreams(String path, String... authHeaders) {
        String[] headers = new String[4 + authHeaders.length];
        headers[0] = "Content-Type";
        headers[1] = JSON;
        headers[2] = "X-Amz-Target";
        headers[3] = LIST_STREAMS;
        System.arraycopy(authHeaders, 0, headers, 4, authHeaders.length);
        return server.send(path, EMPTY_JSON, headers);
    }

    @Test
    void acceptsAnySignatureOfTheRightShape() {
        HttpResponse<byte[]> response = listStreams("/", "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("StreamNames").toString()).contains(STREAM);
    }

    @Test
    void rejectsRequestWithoutAuthorizationAsMissingAuthenticationToken() {
        server.survives(STREAM, () -> {
            HttpResponse<byte[]> response = listStreams("/");
            assertThat(assertJsonError(response, "MissingAuthenticationTokenException"))
                    .isEqualTo("Missing Authentication Token");
        }, server.first());
    }

    @Test
    void rejectsCborRequestWithoutAuthorizationInCbor() {
        HttpResponse<byte[]> response = server.send("/", cbor().mapStart().end().toBytes(),
                "Content-Type", CBOR, "X-Amz-Target", LIST_STREAMS);
        assertThat(assertError(response, 400, "MissingAuthenticationTokenException", CBOR))
                .isEqualTo("Missing Authentication Token");
    }

    @Test
    void rejectsAuthorizationWithoutSignatureAsIncompleteSignature() {
        String header = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date";
        server.survives(STREAM, () -> {
            HttpResponse<byte[]> response = listStreams("/", "Authorization", header, "X-Amz-Date", AMZ_DATE);
            assertThat(assertJsonError(response, "IncompleteSignatureException"))
                    .isEqualTo("Authorization header requires 'Signature' parameter. Authorization=" + header);
        }, server.first());
    }

    @Test
    void rejectsAuthorizationWithAnEmptySignature() {
        String header = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=";
        HttpResponse<byte[]> response = listStreams("/", "Authorization", header, "X-Amz-Date", AMZ_DATE);
        assertThat(assertJsonError(response, "IncompleteSignatureException"))
                .isEqualTo("Authorization header requires 'Signature' parameter. Authorization=" + header);
    }

    @Test
    void listsEveryMissingPartOfAnAuthorizationHeader() {
        HttpResponse<byte[]> response = listStreams("/", "Authorization", "X");
        assertThat(assertJsonError(response, "IncompleteSignatureException")).isEqualTo(
                "Authorization header requires 'Credential' parameter. "
                        + "Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                        + "Authorization=X");
    }

    @Test
    void requiresADateHeader() {
        HttpResponse<byte[]> response = listStreams("/", "Authorization", AUTHORIZATION);
        assertThat(assertJsonError(response, "IncompleteSignatureException")).isEqualTo(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                        + "Authorization=" + AUTHORIZATION);
    }

    @Test
    void acceptsParametersSeparatedBySpacesOnly() {
        String header = "AWS4- Signature=b Credential=a";
        HttpResponse<byte[]> response = listStreams("/", "Authorization", header, "X-Amz-Date", AMZ_DATE);
        assertThat(assertJsonError(response, "IncompleteSignatureException"))
                .isEqualTo("Authorization header requires 'SignedHeaders' parameter. Authorization=" + header);
    }

    @Test
    void doesNotMistakeAParameterNameInsideAnotherValue() {
        // "Signature=" appears only inside the SignedHeaders value, not as a parameter of its own.
        String header = "AWS4-HMAC-SHA256 Credential=a, SignedHeaders=xSignature=1";
        HttpResponse<byte[]> response = listStreams("/", "Authorization", header, "X-Amz-Date", AMZ_DATE);
        assertThat(assertJsonError(response, "IncompleteSignatureException"))
                .isEqualTo("Authorization header requires 'Signature' parameter. Authorization=" + header);
    }

    @Test
    void acceptsAPresignedQueryString() {
        HttpResponse<byte[]> response = listStreams(PRESIGNED);
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        assertThat(body(response).get("StreamNames").toString()).contains(STREAM);
    }

    @Test
    void acceptsAPresignedQueryStringForWrites() {
        String json = "{\"StreamName\": \"" + STREAM + "\", \"PartitionKey\": \"p\", \"Data\": \"cHJlc2lnbmVk\"}";
        HttpResponse<byte[]> response = server.send(PRESIGNED, json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", JSON, "X-Amz-Target", "Kinesis_20131202.PutRecord");
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        var acked = new TestServer.Acked(STREAM, body(response).get("ShardId").textValue(),
                body(response).get("SequenceNumber").textValue(), "presigned".getBytes(StandardCharsets.UTF_8), "p");
        server.assertReadable(acked);
    }

    @Test
    void rejectsPresignedQueryWithoutSignedHeaders() {
        HttpResponse<byte[]> response = listStreams("/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d");
        assertThat(assertJsonError(response, "IncompleteSignatureException")).isEqualTo(
                "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.");
    }

    @Test
    void listsEveryMissingQueryParameterWhenTheAlgorithmIsEmpty() {
        HttpResponse<byte[]> response = listStreams("/?X-Amz-Algorithm");
        assertThat(assertJsonError(response, "IncompleteSignatureException")).isEqualTo(
                "AWS query-string parameters must include 'X-Amz-Algorithm'. "
                        + "AWS query-string parameters must include 'X-Amz-Credential'. "
                        + "AWS query-string parameters must include 'X-Amz-Signature'. "
                        + "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                        + "AWS query-string parameters must include 'X-Amz-Date'. "
                        + "Re-examine the query-string parameters.");
    }

    @Test
    void treatsQueryParametersWithoutTheAlgorithmAsNoAuthentication() {
        HttpResponse<byte[]> response = listStreams("/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d");
        assertThat(assertJsonError(response, "MissingAuthenticationTokenException")).isEqualTo("Missing Authentication Token");
    }

    @Test
    void rejectsBothAHeaderAndAPresignedQuery() {
        server.survives(STREAM, () -> {
            HttpResponse<byte[]> response = listStreams(PRESIGNED, "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE);
            assertThat(assertJsonError(response, "InvalidSignatureException")).isEqualTo(
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }, server.first());
    }
}
