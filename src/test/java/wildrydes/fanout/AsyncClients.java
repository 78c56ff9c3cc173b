package wildrydes.fanout;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.utils.AttributeMap;

/** The AWS SDK for Java v2 async client (Netty, HTTP/2) as the Kinesis Client Library builds it. */
final class AsyncClients {
    private AsyncClients() {
    }

    /** HTTP/2 with prior knowledge over plain TCP: what the SDK does for an {@code http://} endpoint. */
    static KinesisAsyncClient h2c(String endpoint) {
        return client(endpoint, h2cHttp());
    }

    static SdkAsyncHttpClient h2cHttp() {
        return NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).connectionTimeout(Duration.ofSeconds(5)).build();
    }

    static SdkAsyncHttpClient tlsHttp() {
        return NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                .protocolNegotiation(ProtocolNegotiation.ALPN)
                .connectionTimeout(Duration.ofSeconds(5))
                .buildWithDefaults(AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
    }

    /** HTTP/2 over TLS, negotiated by ALPN, trusting the server's self-signed certificate. */
    static KinesisAsyncClient tls(String endpoint) {
        return client(endpoint, tlsHttp());
    }

    private static KinesisAsyncClient client(String endpoint, SdkAsyncHttpClient http) {
        return client(endpoint, http, null);
    }

    /** With an interceptor that sees every request, to check what the SDK sent. */
    static KinesisAsyncClient client(String endpoint, SdkAsyncHttpClient http, ExecutionInterceptor interceptor) {
        return KinesisAsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(http)
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(60));
                    if (interceptor != null) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }
}
