package wildrydes.lab.common;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Where the lab tools send and read: {@code -endpoint URL}, else the standard
 * {@code AWS_ENDPOINT_URL_KINESIS} / {@code AWS_ENDPOINT_URL} variables, else the local server.
 * {@code -endpoint aws} means real Amazon Kinesis in the chosen region with the default
 * credential chain. Locally, dummy credentials are used unless the environment has some.
 */
public record KinesisEndpoint(URI uri, Region region, boolean realAws) {
    public static final String LOCAL = "http://127.0.0.1:4567";

    public static KinesisEndpoint resolve(String endpointFlag, String region, Map<String, String> env) {
        if ("aws".equalsIgnoreCase(endpointFlag)) {
            return new KinesisEndpoint(null, Region.of(region), true);
        }
        String chosen = endpointFlag;
        if (chosen == null || chosen.isBlank()) {
            chosen = firstSet(env.get("AWS_ENDPOINT_URL_KINESIS"), env.get("AWS_ENDPOINT_URL"), LOCAL);
        }
        return new KinesisEndpoint(URI.create(chosen), Region.of(region), false);
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalStateException("unreachable: the last value is always set");
    }

    /** How to show this endpoint to a person. */
    public String describe() {
        return realAws ? "Amazon Kinesis in " + region.id() : uri.toString();
    }

    public String cliEndpointFlag() {
        return realAws ? "--region " + region.id() : "--endpoint-url " + uri + " --region " + region.id();
    }

    public KinesisClient client() {
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(region)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build());
        if (realAws) {
            return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        }
        return builder.endpointOverride(uri).credentialsProvider(localCredentials()).build();
    }

    /**
     * The async client over HTTP/2 that SubscribeToShard needs: h2c with prior knowledge for an
     * {@code http://} endpoint, ALPN over TLS for {@code https://} (and for Amazon Kinesis).
     */
    public KinesisAsyncClient asyncClient() {
        boolean tls = realAws || "https".equalsIgnoreCase(uri.getScheme());
        KinesisAsyncClientBuilder builder = KinesisAsyncClient.builder()
                .region(region)
                .httpClient(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .protocolNegotiation(tls ? ProtocolNegotiation.ALPN : ProtocolNegotiation.ASSUME_PROTOCOL)
                        .maxConcurrency(1000)
                        .connectionTimeout(Duration.ofSeconds(3))
                        .build());
        if (realAws) {
            return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        }
        return builder.endpointOverride(uri).credentialsProvider(localCredentials()).build();
    }

    private static AwsCredentialsProvider localCredentials() {
        if (System.getenv("AWS_ACCESS_KEY_ID") != null && System.getenv("AWS_SECRET_ACCESS_KEY") != null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("wildrydes", "wildrydes"));
    }
}
