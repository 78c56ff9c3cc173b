package wildrydes.lab.common;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
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
 * credential chain. Locally, a key from system properties, the environment or the profile, else dummy credentials.
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

    /** The credentials every client of this endpoint signs with: the default chain for AWS, else {@link #localCredentials()}. */
    public AwsCredentialsProvider credentials() {
        return realAws ? DefaultCredentialsProvider.builder().build() : localCredentials();
    }

    /**
     * For a local server: the key in system properties, the environment or the profile (AWS_PROFILE,
     * else default) when there is one, as a server shared with --credentials needs; else a dummy key,
     * which a server without credentials accepts. (Not the whole default chain: its instance-metadata
     * lookups would make every start wait on a laptop.)
     */
    public static AwsCredentialsProvider localCredentials() {
        return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
                SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create(),
                ProfileCredentialsProvider.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("wildrydes", "wildrydes"))).build();
    }
}
