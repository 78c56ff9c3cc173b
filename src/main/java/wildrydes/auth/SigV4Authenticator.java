package wildrydes.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * Verifies Signature Version 4 as AWS does, for requests signed in the Authorization header or
 * presigned in the query string, in AWS's order of checks and with its wording:
 *
 * <ol>
 * <li>present and complete ({@link SignatureShapeCheck}); the algorithm is AWS4-HMAC-SHA256 (IncompleteSignature)</li>
 * <li>{@code host} is a signed header (InvalidSignature)</li>
 * <li>the date is ISO 8601 basic format (IncompleteSignature) and within 5 minutes of the server's clock, or, presigned,
 *     not older than X-Amz-Expires (InvalidSignature: "Signature expired" / "Signature not yet current")</li>
 * <li>the credential has five parts (IncompleteSignature), scoped to the request's day, this server's region, the
 *     service and aws4_request (InvalidSignature, every wrong part named)</li>
 * <li>the access key is known (UnrecognizedClient)</li>
 * <li>the signature matches, compared in constant time (InvalidSignature, with the canonical request and the string to
 *     sign the server computed)</li>
 * <li>a temporary key's session token came with the request, and only then (UnrecognizedClient)</li>
 * </ol>
 *
 * The body is always part of the signature, except that a request over TLS may say
 * {@code x-amz-content-sha256: UNSIGNED-PAYLOAD} (as on AWS, where every request is over TLS): over
 * plain HTTP nothing but the signature protects the body.
 */
public final class SigV4Authenticator implements Authenticator {
    static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);
    static final long MAX_EXPIRES_SECONDS = 604_800;
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private final Credentials credentials;
    private final String region;
    private final Clock clock;

    public SigV4Authenticator(Credentials credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public boolean verifiesSignatures() {
        return true;
    }

    @Override
    public Principal authenticate(SignedRequest request, String service) {
        QueryParameters query = QueryParameters.of(request.uri());
        SignatureParameters signature = SignatureParameters.read(request, query);
        if (!signature.signedHeaders().contains("host") && !signature.signedHeaders().contains(":authority")) {
            throw invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        Instant date = AmzDate.parse(signature.date());
        if (date == null) {
            throw SignatureParameters.incomplete("Date must be in ISO-8601 'basic format'. Got '" + signature.date()
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        checkTime(signature, date);
        String[] credential = signature.credential().split("/", -1);
        if (credential.length != 5) {
            throw SignatureParameters.incomplete("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + signature.credential() + "'");
        }
        checkScope(credential, signature.date(), service);
        AccessKey key = credentials.find(credential[0]);
        if (key == null) {
            throw new KinesisException(ErrorCode.UnrecognizedClientException, INVALID_TOKEN);
        }
        String canonical = CanonicalRequest.of(request, query, signature, payloadHash(request));
        String scope = signature.credential().substring(credential[0].length() + 1);
        String stringToSign = SignatureParameters.ALGORITHM + "\n" + signature.date() + "\n" + scope + "\n"
                + SigningMath.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        String expected = SigningMath.hex(SigningMath.hmac(
                SigningMath.signingKey(key.secret(), credential[1], credential[2], credential[3]), stringToSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.signature().getBytes(StandardCharsets.UTF_8))) {
            throw invalid(SIGNATURE_MISMATCH + "\n\nThe Canonical String for this request should have been\n'" + canonical
                    + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        checkToken(key, signature.securityToken());
        return new Principal(key.accountId(), key.id());
    }

    private void checkTime(SignatureParameters signature, Instant date) {
        Instant now = clock.instant();
        Instant latest = now.plus(ALLOWED_SKEW);
        if (date.isAfter(latest)) {
            throw invalid("Signature not yet current: " + signature.date() + " is still later than " + AmzDate.format(latest)
                    + " (" + AmzDate.format(now) + " + 5 min.)");
        }
        if (signature.presigned() && signature.expires() != null) {
            long seconds = expiresSeconds(signature.expires());
            Instant earliest = now.minusSeconds(seconds);
            if (date.isBefore(earliest)) {
                throw invalid("Signature expired: " + signature.date() + " is now earlier than " + AmzDate.format(earliest)
                        + " (" + AmzDate.format(now) + " - " + seconds + " sec.)");
            }
            return;
        }
        Instant earliest = now.minus(ALLOWED_SKEW);
        if (date.isBefore(earliest)) {
            throw invalid("Signature expired: " + signature.date() + " is now earlier than " + AmzDate.format(earliest)
                    + " (" + AmzDate.format(now) + " - 5 min.)");
        }
    }

    private static long expiresSeconds(String expires) {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw SignatureParameters.incomplete("X-Amz-Expires must be a whole number of seconds from 1 to "
                    + MAX_EXPIRES_SECONDS + " (7 days), not '" + expires + "'.");
        }
        return seconds;
    }

    private void checkScope(String[] credential, String date, String service) {
        List<String> problems = new ArrayList<>();
        if (!credential[2].equals(region)) {
            problems.add("Credential should be scoped to a valid region, not '" + credential[2] + "'.");
        }
        if (!credential[3].equals(service)) {
            problems.add("Credential should be scoped to correct service: '" + service + "'.");
        }
        if (!credential[4].equals("aws4_request")) {
            problems.add("Credential should be scoped with a valid terminator: 'aws4_request', not '" + credential[4] + "'.");
        }
        String day = date.substring(0, 8);
        if (!credential[1].equals(day)) {
            problems.add("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + credential[1] + "' != '" + day + "', from '" + date + "'.");
        }
        if (!problems.isEmpty()) {
            throw invalid(String.join(" ", problems));
        }
    }

    /** The body's hash, or UNSIGNED-PAYLOAD where that is allowed: only over TLS. */
    private static String payloadHash(SignedRequest request) {
        String declared = request.header("x-amz-content-sha256");
        if (declared == null) {
            QueryParameters query = QueryParameters.of(request.uri());
            declared = query.first("X-Amz-Content-Sha256");
        }
        if (CanonicalRequest.UNSIGNED_PAYLOAD.equals(declared) && request.overTls()) {
            return CanonicalRequest.UNSIGNED_PAYLOAD;
        }
        return request.payloadSha256();
    }

    private static void checkToken(AccessKey key, String token) {
        boolean expected = key.sessionToken() != null;
        if (expected != (token != null) || (expected && !MessageDigest.isEqual(key.sessionToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)))) {
            throw new KinesisException(ErrorCode.UnrecognizedClientException, INVALID_TOKEN);
        }
    }

    private static KinesisException invalid(String message) {
        return new KinesisException(ErrorCode.InvalidSignatureException, message);
    }
}
