package wildrydes.testing;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs requests with the AWS SDK for Java's own SigV4 signer, so tests check the server against an
 * implementation that is not the server's: in the Authorization header, or presigned in the query string.
 */
public final class SdkSigner {
    private final String keyId;
    private final String secret;
    private final String sessionToken;
    private final String region;
    private final String service;
    private final Clock clock;
    private boolean unsignedPayload;

    private SdkSigner(String keyId, String secret, String sessionToken, String region, String service, Clock clock) {
        this.keyId = keyId;
        this.secret = secret;
        this.sessionToken = sessionToken;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    public static SdkSigner of(String keyId, String secret) {
        return new SdkSigner(keyId, secret, null, "us-east-1", "kinesis", Clock.systemUTC());
    }

    public SdkSigner withSessionToken(String token) {
        return new SdkSigner(keyId, secret, token, region, service, clock);
    }

    public SdkSigner withRegion(String signingRegion) {
        return new SdkSigner(keyId, secret, sessionToken, signingRegion, service, clock);
    }

    public SdkSigner withService(String signingName) {
        return new SdkSigner(keyId, secret, sessionToken, region, signingName, clock);
    }

    public SdkSigner withClock(Clock signingClock) {
        return new SdkSigner(keyId, secret, sessionToken, region, service, signingClock);
    }

    /** Signs {@code x-amz-content-sha256: UNSIGNED-PAYLOAD} instead of the body's hash (the SDK does so over https only). */
    public SdkSigner withUnsignedPayload() {
        SdkSigner copy = new SdkSigner(keyId, secret, sessionToken, region, service, clock);
        copy.unsignedPayload = true;
        return copy;
    }

    /** Signs in the Authorization header, the body's hash included. */
    public SdkHttpRequest sign(SdkHttpRequest request, byte[] body) {
        return sign(request, body, false, null);
    }

    /** Presigns in the query string (X-Amz-Algorithm, X-Amz-Credential, ..., X-Amz-Signature), valid for {@code expires}. */
    public SdkHttpRequest presign(SdkHttpRequest request, byte[] body, Duration expires) {
        return sign(request, body, true, expires);
    }

    private SdkHttpRequest sign(SdkHttpRequest request, byte[] body, boolean presign, Duration expires) {
        AwsCredentialsIdentity identity = sessionToken == null ? AwsCredentialsIdentity.create(keyId, secret)
                : AwsSessionCredentialsIdentity.create(keyId, secret, sessionToken);
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity)
                    .request(request)
                    .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            if (unsignedPayload) {
                r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            }
            if (presign) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING);
                if (expires != null) {
                    r.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires);
                }
            }
        }).request();
    }
}
