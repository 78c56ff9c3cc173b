package wildrydes.lab.process;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import wildrydes.lab.common.KinesisEndpoint;

/**
 * The DynamoDB side of a lab tool's endpoint: locally the same server as Kinesis (or
 * {@code AWS_ENDPOINT_URL_DYNAMODB} when set and no {@code -endpoint} was given), with dummy
 * credentials unless the environment has some; {@code -endpoint aws} is real DynamoDB with the
 * default credential chain.
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
            return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        }
        return builder.endpointOverride(uri).credentialsProvider(credentials(false)).build();
    }

    /** The credentials provider the tool itself uses. */
    public static AwsCredentialsProvider credentials(boolean realAws) {
        if (realAws) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (System.getenv("AWS_ACCESS_KEY_ID") != null && System.getenv("AWS_SECRET_ACCESS_KEY") != null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("wildrydes", "wildrydes"));
    }

    /** Access key, secret key and session token (or null) to hand to a function, as Lambda hands it its role's. */
    public static List<String> forFunction(boolean realAws) {
        AwsCredentials resolved = credentials(realAws).resolveCredentials();
        String token = resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null;
        return java.util.Arrays.asList(resolved.accessKeyId(), resolved.secretAccessKey(), token);
    }
}
