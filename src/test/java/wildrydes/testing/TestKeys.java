package wildrydes.testing;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import wildrydes.auth.AccessKey;
import wildrydes.auth.Credentials;

/** The access keys of the tests of a shared server, and SDK clients that sign with them. */
public final class TestKeys {
    public static final AccessKey ALICE = new AccessKey("AKIDALICE00000000001", "alice/secret+key", "111111111111");
    public static final AccessKey BOB = new AccessKey("AKIDBOB0000000000001", "bob-secret-key", "222222222222");
    /** A key of the default account (000000000000), which keeps the data of a server that ran without credentials. */
    public static final AccessKey CAROL = new AccessKey("AKIDCAROL00000000001", "carol-secret-key", "000000000000");
    /** A temporary key of Alice's account: valid only with its session token. */
    public static final AccessKey ALICE_TEMPORARY = new AccessKey("ASIAALICE00000000001", "alice-temporary-secret",
            "111111111111", "FwoGZXIvYXdzEXAMPLE//session+token==");
    public static final Credentials ALL = Credentials.of(ALICE, BOB, CAROL, ALICE_TEMPORARY);

    private TestKeys() {
    }

    public static AwsCredentialsProvider provider(AccessKey key) {
        return StaticCredentialsProvider.create(key.sessionToken() == null ? AwsBasicCredentials.create(key.id(), key.secret())
                : AwsSessionCredentials.create(key.id(), key.secret(), key.sessionToken()));
    }

    public static AwsCredentialsProvider provider(String keyId, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
    }

    /** A sync client (CBOR, Apache HTTP) that does not retry, so a refusal shows as it is. */
    public static KinesisClient kinesis(String endpoint, AwsCredentialsProvider credentials) {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(ApacheHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static KinesisClient kinesis(String endpoint, AccessKey key) {
        return kinesis(endpoint, provider(key));
    }

    /** A DynamoDB client (JSON 1.0, Apache HTTP) that does not retry, so a refusal shows as it is. */
    public static DynamoDbClient dynamo(String endpoint, AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(ApacheHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static DynamoDbClient dynamo(String endpoint, AccessKey key) {
        return dynamo(endpoint, provider(key));
    }

    /** The async client over HTTP/2 (h2c), as the KCL and the consumer's -efo build it. */
    public static KinesisAsyncClient kinesisAsync(String endpoint, AccessKey key) {
        return KinesisAsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(provider(key))
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).connectionTimeout(Duration.ofSeconds(5)).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** The credentials file of these keys, in the one-key-per-line format. */
    public static String fileText() {
        StringBuilder out = new StringBuilder("# access-key-id secret account-id [session-token]\n");
        for (AccessKey key : ALL.keys()) {
            out.append(key.id()).append(' ').append(key.secret()).append(' ').append(key.accountId());
            if (key.sessionToken() != null) {
                out.append(' ').append(key.sessionToken());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
