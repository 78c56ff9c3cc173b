package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.WireFormat;

/** AWS's order of checks before an action: each rule, and that an earlier one wins over a later one. */
class RequestScreeningTest {
    private static final RequestScreening SCREENING = new RequestScreening(Set.of("Kinesis_20131202"),
            target -> target.equals("Kinesis_20131202.ListStreams"), (headers, uri) -> {
                if (!headers.contains("Authorization")) {
                    throw new KinesisException(ErrorCode.MissingAuthenticationTokenException, "Missing Authentication Token");
                }
            });

    private static HttpHeaders headers(String... pairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static String xml(RequestScreening.Verdict verdict, int status) {
        assertThat(verdict).isInstanceOf(RequestScreening.Answer.class);
        EdgeAnswer answer = ((RequestScreening.Answer) verdict).answer();
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).isNull();
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anOptionsWithAnOriginIsAPreflightWhateverElseItCarries() {
        var verdict = SCREENING.screen(HttpMethod.OPTIONS, headers("Origin", "x", "Access-Control-Request-Method", "d"), "/", true);
        EdgeAnswer answer = ((RequestScreening.Answer) verdict).answer();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.headers()).containsEntry("Access-Control-Allow-Methods", "d").containsEntry("Access-Control-Max-Age", "172800");
    }

    @Test
    void otherMethodsCheckTheSignatureBeforeTheTarget() {
        assertThat(xml(SCREENING.screen(HttpMethod.GET, headers("X-Amz-Target", "Kinesis_20131202.ListStreams"), "/", true), 403))
                .startsWith("<MissingAuthenticationTokenException>");
        HttpHeaders signed = headers("Authorization", "a");
        assertThat(xml(SCREENING.screen(HttpMethod.PUT, signed, "/", true), 403)).startsWith("<AccessDeniedException>");
        signed.set("X-Amz-Target", "whatever.ListStreams");
        assertThat(xml(SCREENING.screen(HttpMethod.DELETE, signed, "/", true), 403))
                .contains("No authorization strategy was found for service: whatever, operation: ListStreams");
        signed.set("X-Amz-Target", "Kinesis_20131202.whatever");
        assertThat(xml(SCREENING.screen(HttpMethod.GET, signed, "/", true), 500)).isEqualTo("<InternalFailure/>\n");
        signed.set("X-Amz-Target", "Kinesis_20131202.ListStreams");
        assertThat(xml(SCREENING.screen(HttpMethod.GET, signed, "/", true), 404)).isEqualTo("<UnknownOperationException/>\n");
        signed.set("X-Amz-Target", "Kinesis_20131202.");
        assertThat(xml(SCREENING.screen(HttpMethod.GET, signed, "/", true), 403)).startsWith("<AccessDeniedException>");
    }

    @Test
    void aPostWithoutABodyIsAnsweredBeforeItsContentTypeAndInCborUnlessJson11() {
        assertThat(SCREENING.screen(HttpMethod.POST, headers("X-Amz-Target", "Kinesis_20131202.ListStreams"), "/", true))
                .isEqualTo(new RequestScreening.BareError(WireFormat.CBOR, ErrorCode.SerializationException));
        assertThat(SCREENING.screen(HttpMethod.POST, headers("Content-Type", "text/plain"), "/", true))
                .isEqualTo(new RequestScreening.BareError(WireFormat.CBOR, ErrorCode.UnknownOperationException));
        assertThat(SCREENING.screen(HttpMethod.POST, headers("Content-Type", "application/x-amz-json-1.1 ;x"), "/", true))
                .isEqualTo(new RequestScreening.BareError(WireFormat.JSON, ErrorCode.UnknownOperationException));
    }

    @Test
    void aPostWithABodyOfAnotherContentTypeIsAnsweredInXml() {
        assertThat(xml(SCREENING.screen(HttpMethod.POST, headers("X-Amz-Target", "A.B"), "/", false), 404))
                .isEqualTo("<UnknownOperationException/>\n");
        assertThat(xml(SCREENING.screen(HttpMethod.POST, headers("Content-Type", "application/x-amz-json-1.0"), "/", false), 403))
                .startsWith("<AccessDeniedException>");
    }

    @Test
    void aPostWithABodyGoesOnAsACallNamingItsTargetOnlyWhenKnown() {
        assertThat(SCREENING.screen(HttpMethod.POST, headers("Content-Type", "application/x-amz-cbor-1.1",
                "X-Amz-Target", "Kinesis_20131202.ListStreams"), "/", false))
                .isEqualTo(new RequestScreening.Call(WireFormat.CBOR, false, "Kinesis_20131202.ListStreams"));
        assertThat(SCREENING.screen(HttpMethod.POST, headers("Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "Kinesis_20131202.ListStream"), "/", false))
                .isEqualTo(new RequestScreening.Call(WireFormat.JSON, false, null));
        assertThat(SCREENING.screen(HttpMethod.POST, headers("Content-Type", "application/json"), "/", false))
                .isEqualTo(new RequestScreening.Call(WireFormat.JSON, true, null));
    }
}
