package wildrydes.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.testing.SdkSigner;

/**
 * SigV4 verification against AWS's own test-suite vectors and against what the AWS SDK for Java's
 * signer (an implementation that is not ours) signs; then every way a request can fail, with AWS's
 * error type and wording.
 */
class SigV4AuthenticatorTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Credentials KEYS = Credentials.of(
            new AccessKey("AKIDALICE", "alice/secret+key", "111111111111"),
            new AccessKey("AKIDBOB", "bob-secret", "222222222222"),
            new AccessKey("ASIATEMP", "temp-secret", "333333333333", "FwoGZXIvYXdzEXAMPLETOKEN=="));
    static final SigV4Authenticator VERIFIER = new SigV4Authenticator(KEYS, "us-east-1", CLOCK);
    static final SdkSigner ALICE = SdkSigner.of("AKIDALICE", "alice/secret+key").withClock(CLOCK);
    static final String BODY = "{\"StreamName\":\"wildrydes\",\"PartitionKey\":\"Shadowfax\",\"Data\":\"e30=\"}";

    static SdkHttpRequest.Builder post(String path) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:4567" + path))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Kinesis_20131202.PutRecord");
    }

    static TestRequest signed(SdkSigner signer, SdkHttpRequest request, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return TestRequest.of(signer.sign(request, bytes), bytes);
    }

    static TestRequest aliceSigned() {
        return signed(ALICE, post("/").build(), BODY);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> refused(SignedRequest request, ErrorCode code) {
        return assertThatThrownBy(() -> VERIFIER.authenticate(request, "kinesis"))
                .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Nested
    class AwsTestSuite {
        // docs.aws.amazon.com "Signature Version 4 test suite" (aws-sig-v4-test-suite): get-vanilla and post-vanilla.
        final SigV4Authenticator suite = new SigV4Authenticator(
                Credentials.of(new AccessKey("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "123456789012")),
                "us-east-1", Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC));

        TestRequest vanilla(String method, String signature) {
            return TestRequest.of(method, "/", "", "Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z",
                    "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                            + "SignedHeaders=host;x-amz-date, Signature=" + signature);
        }

        @Test
        void acceptsGetVanilla() {
            assertThat(suite.authenticate(vanilla("GET", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                    "service")).isEqualTo(new Principal("123456789012", "AKIDEXAMPLE"));
        }

        @Test
        void acceptsPostVanilla() {
            assertThat(suite.authenticate(vanilla("POST", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
                    "service").accountId()).isEqualTo("123456789012");
        }

        @Test
        void showsTheSuitesCanonicalRequestAndStringToSignWhenTheSignatureIsWrong() {
            assertThatThrownBy(() -> suite.authenticate(vanilla("GET", "0".repeat(64)), "service")).hasMessage(
                    SigV4Authenticator.SIGNATURE_MISMATCH + "\n\nThe Canonical String for this request should have been\n'"
                            + "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'\n\n"
                            + "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20150830T123600Z\n"
                            + "20150830/us-east-1/service/aws4_request\n"
                            + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63'\n");
        }
    }

    @Nested
    class WhatTheSdkSigns {
        @Test
        void aHeaderSignedPostActsForTheKeysAccount() {
            assertThat(VERIFIER.authenticate(aliceSigned(), "kinesis")).isEqualTo(new Principal("111111111111", "AKIDALICE"));
        }

        @Test
        void eachKeyActsForItsOwnAccount() {
            SdkSigner bob = SdkSigner.of("AKIDBOB", "bob-secret").withClock(CLOCK);
            assertThat(VERIFIER.authenticate(signed(bob, post("/").build(), BODY), "kinesis").accountId()).isEqualTo("222222222222");
        }

        @Test
        void aTemporaryKeyWithItsSessionToken() {
            SdkSigner temp = SdkSigner.of("ASIATEMP", "temp-secret").withSessionToken("FwoGZXIvYXdzEXAMPLETOKEN==").withClock(CLOCK);
            assertThat(VERIFIER.authenticate(signed(temp, post("/").build(), BODY), "kinesis").accountId()).isEqualTo("333333333333");
        }

        @Test
        void presignedGetAndPost() {
            SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("http://127.0.0.1:4567/"))
                    .putRawQueryParameter("Action", "ListStreams").build();
            TestRequest presignedGet = TestRequest.of(ALICE.presign(get, null, Duration.ofMinutes(10)), null);
            assertThat(presignedGet.uri()).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");
            assertThat(VERIFIER.authenticate(presignedGet, "kinesis").accountId()).isEqualTo("111111111111");

            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            TestRequest presignedPost = TestRequest.of(ALICE.presign(post("/").build(), body, Duration.ofMinutes(10)), body);
            assertThat(VERIFIER.authenticate(presignedPost, "kinesis").accountId()).isEqualTo("111111111111");
        }

        @Test
        void aPresignedUrlWorksUntilItExpires() {
            SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("http://127.0.0.1:4567/")).build();
            SdkSigner earlier = SdkSigner.of("AKIDALICE", "alice/secret+key").withClock(Clock.fixed(NOW.minusSeconds(3000),
                    ZoneOffset.UTC));
            TestRequest stillValid = TestRequest.of(earlier.presign(get, null, Duration.ofHours(1)), null);
            assertThat(VERIFIER.authenticate(stillValid, "kinesis").accountId()).isEqualTo("111111111111");

            TestRequest expired = TestRequest.of(earlier.presign(get, null, Duration.ofSeconds(2000)), null);
            refused(expired, ErrorCode.InvalidSignatureException).hasMessage(
                    "Signature expired: 20260301T091000Z is now earlier than 20260301T092640Z (20260301T100000Z - 2000 sec.)");
        }

        @Test
        void queryParametersAreDecodedReencodedAndSorted() {
            SdkHttpRequest request = post("/").putRawQueryParameter("b", "x y").putRawQueryParameter("a", "é~*")
                    .putRawQueryParameter("a", "1").build();
            assertThat(VERIFIER.authenticate(signed(ALICE, request, BODY), "kinesis").accountId()).isEqualTo("111111111111");
        }

        @Test
        void pathsAreNormalisedAndEncodedTwice() {
            assertThat(VERIFIER.authenticate(signed(ALICE, post("/a/./b/../c%20d/").build(), BODY), "kinesis").accountId())
                    .isEqualTo("111111111111");
            assertThat(CanonicalRequest.path("/a/./b/../c%20d/")).isEqualTo("/a/c%2520d/");
            assertThat(CanonicalRequest.path("//a//b")).isEqualTo("/a/b");
            assertThat(CanonicalRequest.path("")).isEqualTo("/");
        }

        @Test
        void headerValuesAreTrimmedAndTheirWhiteSpaceFolded() {
            TestRequest request = signed(ALICE, post("/").putHeader("X-Spaced", "  a   b \t c  ").build(), BODY);
            assertThat(VERIFIER.authenticate(request, "kinesis").accountId()).isEqualTo("111111111111");
            assertThat(CanonicalRequest.headerValue(java.util.List.of("  a   b \t c  ", "d"))).isEqualTo("a b c,d");
        }

        @Test
        void anUnsignedPayloadIsAcceptedOverTlsOnly() {
            SdkHttpRequest request = post("/").uri(URI.create("https://127.0.0.1:4568/")).build();
            TestRequest signed = signed(ALICE.withUnsignedPayload(), request, BODY);
            assertThat(signed.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
            assertThat(VERIFIER.authenticate(signed.overTls(true).withBody("{\"other\":1}"), "kinesis").accountId())
                    .isEqualTo("111111111111");
            refused(signed, ErrorCode.InvalidSignatureException)
                    .hasMessageStartingWith(SigV4Authenticator.SIGNATURE_MISMATCH);
        }
    }

    @Nested
    class Refusals {
        @Test
        void anUnknownKeyIsAnUnrecognizedClient() {
            SdkSigner stranger = SdkSigner.of("AKIDSTRANGER", "whatever").withClock(CLOCK);
            refused(signed(stranger, post("/").build(), BODY), ErrorCode.UnrecognizedClientException)
                    .hasMessage("The security token included in the request is invalid.");
        }

        @Test
        void aWrongSecretShowsTheCanonicalRequestAndStringToSign() {
            SdkSigner wrong = SdkSigner.of("AKIDALICE", "not-the-secret").withClock(CLOCK);
            refused(signed(wrong, post("/").build(), BODY), ErrorCode.InvalidSignatureException)
                    .hasMessageStartingWith(SigV4Authenticator.SIGNATURE_MISMATCH
                            + "\n\nThe Canonical String for this request should have been\n'POST\n/\n\n")
                    .hasMessageContaining("content-type:application/x-amz-json-1.1\nhost:127.0.0.1:4567\n")
                    .hasMessageContaining("\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260301T100000Z\n"
                            + "20260301/us-east-1/kinesis/aws4_request\n")
                    .hasMessageEndingWith("'\n");
        }

        @Test
        void aTamperedSignedHeaderBodyOrQueryChangesTheSignature() {
            TestRequest good = aliceSigned();
            refused(good.withHeader("X-Amz-Target", "Kinesis_20131202.DeleteStream"), ErrorCode.InvalidSignatureException)
                    .hasMessageContaining("x-amz-target:Kinesis_20131202.DeleteStream");
            refused(good.withBody(BODY.replace("Shadowfax", "Bucephalus")), ErrorCode.InvalidSignatureException)
                    .hasMessageStartingWith(SigV4Authenticator.SIGNATURE_MISMATCH);
            refused(good.withUri("/?extra=1"), ErrorCode.InvalidSignatureException).hasMessageContaining("'POST\n/\nextra=1\n");
            TestRequest presigned = TestRequest.of(ALICE.presign(post("/").putRawQueryParameter("Limit", "5").build(), null,
                    Duration.ofMinutes(5)), null);
            refused(presigned.withUri(presigned.uri().replace("Limit=5", "Limit=6")), ErrorCode.InvalidSignatureException)
                    .hasMessageContaining("Limit=6");
        }

        @Test
        void aSkewedClockIsExpiredOrNotYetCurrent() {
            TestRequest old = signed(ALICE.withClock(Clock.fixed(NOW.minusSeconds(301), ZoneOffset.UTC)), post("/").build(), BODY);
            refused(old, ErrorCode.InvalidSignatureException).hasMessage(
                    "Signature expired: 20260301T095459Z is now earlier than 20260301T095500Z (20260301T100000Z - 5 min.)");
            TestRequest future = signed(ALICE.withClock(Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC)), post("/").build(), BODY);
            refused(future, ErrorCode.InvalidSignatureException).hasMessage(
                    "Signature not yet current: 20260301T100501Z is still later than 20260301T100500Z (20260301T100000Z + 5 min.)");
            TestRequest edge = signed(ALICE.withClock(Clock.fixed(NOW.minusSeconds(300), ZoneOffset.UTC)), post("/").build(), BODY);
            assertThat(VERIFIER.authenticate(edge, "kinesis").accountId()).isEqualTo("111111111111");
        }

        @Test
        void theDateMustBeInBasicFormat() {
            refused(aliceSigned().withHeader("X-Amz-Date", "2026-03-01T10:00:00Z"), ErrorCode.IncompleteSignatureException)
                    .hasMessage("Date must be in ISO-8601 'basic format'. Got '2026-03-01T10:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        @Test
        void theScopeMustBeThisServersRegionTheServiceAndTheRequestsDay() {
            TestRequest elsewhere = signed(ALICE.withRegion("eu-west-1").withService("dynamodb"), post("/").build(), BODY);
            refused(elsewhere, ErrorCode.InvalidSignatureException).hasMessage(
                    "Credential should be scoped to a valid region, not 'eu-west-1'. "
                            + "Credential should be scoped to correct service: 'kinesis'.");
            String authorization = aliceSigned().header("Authorization");
            refused(aliceSigned().withHeader("Authorization", authorization.replace("/20260301/", "/20260228/")
                    .replace("aws4_request", "aws5_request")), ErrorCode.InvalidSignatureException).hasMessage(
                    "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "
                            + "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                            + "'20260228' != '20260301', from '20260301T100000Z'.");
        }

        @Test
        void theCredentialMustHaveFiveParts() {
            String authorization = aliceSigned().header("Authorization");
            refused(aliceSigned().withHeader("Authorization", authorization.replace("/kinesis/aws4_request", "/kinesis")),
                    ErrorCode.IncompleteSignatureException).hasMessage("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got 'AKIDALICE/20260301/us-east-1/kinesis'");
        }

        @Test
        void hostMustBeSigned() {
            String authorization = aliceSigned().header("Authorization");
            refused(aliceSigned().withHeader("Authorization", authorization.replaceFirst("SignedHeaders=[^,]*",
                    "SignedHeaders=content-type;x-amz-date")), ErrorCode.InvalidSignatureException)
                    .hasMessage("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        @Test
        void onlyAws4HmacSha256() {
            String authorization = aliceSigned().header("Authorization");
            refused(aliceSigned().withHeader("Authorization", authorization.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")),
                    ErrorCode.IncompleteSignatureException)
                    .hasMessage("Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
        }

        @Test
        void everyParameterIsAKeyValuePair() {
            String authorization = aliceSigned().header("Authorization") + ", Extra";
            refused(aliceSigned().withHeader("Authorization", authorization), ErrorCode.IncompleteSignatureException)
                    .hasMessage("'Extra' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                            + authorization + "'.");
        }

        @Test
        void aSessionKeyNeedsItsTokenAndALongTermKeyTakesNone() {
            SdkSigner temp = SdkSigner.of("ASIATEMP", "temp-secret").withClock(CLOCK);
            refused(signed(temp, post("/").build(), BODY), ErrorCode.UnrecognizedClientException)
                    .hasMessage("The security token included in the request is invalid.");
            refused(signed(temp.withSessionToken("another-token"), post("/").build(), BODY), ErrorCode.UnrecognizedClientException)
                    .hasMessage("The security token included in the request is invalid.");
            refused(signed(ALICE.withSessionToken("a-token"), post("/").build(), BODY), ErrorCode.UnrecognizedClientException)
                    .hasMessage("The security token included in the request is invalid.");
        }

        @Test
        void presignedExpiryIsAWholeNumberOfSecondsUpToAWeek() {
            SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("http://127.0.0.1:4567/")).build();
            TestRequest presigned = TestRequest.of(ALICE.presign(get, null, Duration.ofMinutes(5)), null);
            refused(presigned.withUri(presigned.uri().replace("X-Amz-Expires=300", "X-Amz-Expires=604801")),
                    ErrorCode.IncompleteSignatureException)
                    .hasMessage("X-Amz-Expires must be a whole number of seconds from 1 to 604800 (7 days), not '604801'.");
        }

        @Test
        void missingOrIncompleteAuthenticationIsWordedAsWithoutCredentials() {
            refused(aliceSigned().withoutHeader("Authorization"), ErrorCode.MissingAuthenticationTokenException)
                    .hasMessage("Missing Authentication Token");
            refused(aliceSigned().withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDALICE/20260301/us-east-1/kinesis/aws4_request"),
                    ErrorCode.IncompleteSignatureException).hasMessageStartingWith("Authorization header requires 'Signature' parameter.");
        }
    }
}
