package wildrydes.lab.process;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import wildrydes.lab.common.KinesisEndpoint;

/**
 * The DynamoDB side of a lab tool's endpoint: locally the same server as Kinesis (or
 * {@code AWS_ENDPOINT_URL_DYNAMODB} when set and no {@code -endpoint} was given), signed with the
 * same credentials as the tool's Kinesis calls (system properties, the environment or the profile,
 * else dummy: {@link KinesisEndpoint#localCredentials()}); {@code -endpoint aws} is real DynamoDB
 * with the default credential chain.
 */
public final class TableClient {
    private TableClient() {
    }

    public static URI uri(KinesisEndpoint endpoint, boolean endpointGiven, Map<String, String> env) {
        String dynamo = env.get("AWS_ENDPOINT_URL_DYNAMODB");
        return !endpointGiven && dynamo != null && !dynamo.isBlank() ? URI.create(dynamo) : endpoint.uri();
    }

    public static DynamoDbClient client(KinesisEndpoint endpoint, URI uri) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().region(endpoint.region())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(30)).build());
        if (endpoint.realAws()) {
            return builder.credentialsProvider(endpoint.credentials()).build();
        }
        return builder.endpointOverride(uri).credentialsProvider(endpoint.credentials()).build();
    }

    /** The credentials provider the tool itself uses. */
    public static AwsCredentialsProvider credentials(boolean realAws) {
        return realAws ? DefaultCredentialsProvider.builder().build() : KinesisEndpoint.localCredentials();
    }

    /** Access key, secret key and session token (or null) to hand to a function, as Lambda hands it its role's. */
    public static List<String> forFunction(boolean realAws) {
        AwsCredentials resolved = credentials(realAws).resolveCredentials();
        String token = resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null;
        return java.util.Arrays.asList(resolved.accessKeyId(), resolved.secretAccessKey(), token);
    }
}
