package wildrydes.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;
import wildrydes.server.TlsSettings;

/** Every transport serves the API: HTTP/1.1 and h2c on the plain port, h2 and HTTP/1.1 over TLS (ALPN). */
class TransportTest {
    static final String JSON = "application/x-amz-json-1.1";

    @TempDir
    Path dataDir;

    /** Records the Content-Type of every request the SDK sends. */
    static final class ContentTypes implements ExecutionInterceptor {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            seen.add(context.httpRequest().firstMatchingHeader("Content-Type").orElse("none"));
        }
    }

    @Test
    void putGetAndListWorkInCborOverH2cAndOverTls() throws Exception {
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory()
                .withStateChangeMillis(0), TlsSettings.selfSigned(0))) {
            ContentTypes h2cTypes = new ContentTypes();
            ContentTypes tlsTypes = new ContentTypes();
            try (KinesisAsyncClient h2c = AsyncClients.client(server.endpoint(), AsyncClients.h2cHttp(), h2cTypes);
                 KinesisAsyncClient tls = AsyncClients.client(server.tlsEndpoint(), AsyncClients.tlsHttp(), tlsTypes)) {
                assertThat(server.tlsEndpoint()).startsWith("https://127.0.0.1:");

                roundTrip(h2c, "over-h2c");
                roundTrip(tls, "over-tls");

                List<String> names = tls.listStreams().get(10, TimeUnit.SECONDS).streamNames();
                assertThat(names).containsExactly("over-h2c", "over-tls");
            }
            assertThat(h2cTypes.seen).isNotEmpty().allMatch(type -> type.equals("application/x-amz-cbor-1.1"));
            assertThat(tlsTypes.seen).isNotEmpty().allMatch(type -> type.equals("application/x-amz-cbor-1.1"));
        }
    }

    private static void roundTrip(KinesisAsyncClient kinesis, String stream) throws Exception {
        kinesis.createStream(r -> r.streamName(stream).shardCount(1)).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).get(10, TimeUnit.SECONDS).streamDescriptionSummary()
                .streamStatus() != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
        PutRecordResponse put = kinesis.putRecord(r -> r.streamName(stream).partitionKey("Shadowfax")
                .data(SdkBytes.fromUtf8String("{\"Name\":\"Shadowfax\"}"))).get(10, TimeUnit.SECONDS);
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(put.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).get(10, TimeUnit.SECONDS).shardIterator();
        GetRecordsResponse records = kinesis.getRecords(r -> r.shardIterator(iterator)).get(10, TimeUnit.SECONDS);
        assertThat(records.records()).hasSize(1);
        assertThat(records.records().getFirst().sequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(records.records().getFirst().data().asUtf8String()).isEqualTo("{\"Name\":\"Shadowfax\"}");
        assertThat(records.records().getFirst().approximateArrivalTimestamp()).isNotNull();
    }

    @Test
    void theTlsPortAlsoSpeaksHttp11AndThePlainPortHttp11AndH2c() throws Exception {
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory()
                .withStateChangeMillis(0), TlsSettings.selfSigned(0))) {
            HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustAll()).build();
            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trustAll()).build();

            HttpResponse<String> overTls11 = http11.send(listStreams(server.tlsEndpoint()), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> overTlsH2 = h2.send(listStreams(server.tlsEndpoint()), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> plain11 = http11.send(listStreams(server.endpoint()), HttpResponse.BodyHandlers.ofString());

            assertThat(overTls11.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(overTlsH2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            for (HttpResponse<String> response : List.of(overTls11, overTlsH2, plain11)) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"StreamNames\":[]");
                assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
            }
            X509Certificate presented = (X509Certificate) overTlsH2.sslSession().orElseThrow().getPeerCertificates()[0];
            assertThat(presented.getSubjectX500Principal().getName()).contains("Wild Rydes Streaming");
            assertThat(presented.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
                    .contains("localhost", "127.0.0.1");
        }
    }

    @Test
    void theSelfSignedCertificateIsMadeOnceInTheDataDirectoryAndCanBeGivenAsFiles() throws Exception {
        Certificate first;
        try (KinesisServer server = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir),
                TlsSettings.selfSigned(0))) {
            assertThat(server.tlsCertificateFile()).isEqualTo(dataDir.resolve("tls").resolve("server.crt"));
            first = presentedCertificate(server);
        }
        assertThat(Files.readString(dataDir.resolve("tls").resolve("server.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        try (KinesisServer again = KinesisServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir),
                TlsSettings.selfSigned(0))) {
            assertThat(presentedCertificate(again)).isEqualTo(first);
        }
        Path certificate = dataDir.resolve("tls").resolve("server.crt");
        Path key = dataDir.resolve("tls").resolve("server.key");
        try (KinesisServer given = KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory(),
                new TlsSettings(0, certificate, key))) {
            assertThat(presentedCertificate(given)).isEqualTo(first);
            assertThat(given.tlsCertificateFile()).isEqualTo(certificate);
        }
    }

    private static Certificate presentedCertificate(KinesisServer server) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.tlsEndpoint() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403); // an unsigned GET: AWS's MissingAuthenticationToken, in XML
        return response.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    private static HttpRequest listStreams(String endpoint) {
        return HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", JSON)
                .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=abc")
                .header("X-Amz-Date", "20260101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
