package wildrydes.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/** {@code wildrydes server} as a user runs it: help, start-up failures, and stopping with SIGTERM. */
class ServerCommandTest {

    @TempDir
    Path tmp;

    private final List<ServerProcess> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(ServerProcess::close);
    }

    private ServerProcess launch(String... args) {
        ServerProcess p = ServerProcess.launch(args);
        processes.add(p);
        return p;
    }

    private ServerProcess startServer(String... args) {
        ServerProcess p = ServerProcess.startServer(args);
        processes.add(p);
        return p;
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    @Timeout(60)
    void serverHelpExitsZeroAndListsPortDataDirAndInMemoryOptions() {
        ServerProcess help = launch("server", "--help");
        int exit = help.awaitExit(Duration.ofSeconds(30));
        String out = String.join("\n", help.stdout());
        assertThat(exit).as("exit code of server --help%s", help.describe()).isZero();
        assertThat(out).as("server --help output%s", help.describe()).contains("--port", "--data-dir", "--in-memory");
        assertThat(help.stdout()).as("server --help must not start a server").noneMatch(l -> l.startsWith("Ready in"));
    }

    @Test
    @Timeout(120)
    void theTlsPortFollowsTheReadyLineWithALineOfItsOwnAndAnswers() throws Exception {
        ServerProcess server = startServer("--port", "0", "--tls-port", "0", "--data-dir", tmp.resolve("data").toString());
        String tlsLine = server.awaitLine(l -> l.startsWith("TLS: "), Duration.ofSeconds(60));
        Matcher tls = Pattern.compile("^TLS: (https://127\\.0\\.0\\.1:\\d+) \\(.*certificate (.*)$").matcher(tlsLine);
        assertThat(tls.matches()).as("TLS line %s", tlsLine).isTrue();
        assertThat(Path.of(tls.group(2))).isEqualTo(tmp.resolve("data").resolve("tls").resolve("server.crt").toAbsolutePath());
        List<String> out = server.stdout();
        assertThat(out.indexOf(tlsLine)).as("the TLS line comes after the Ready line%s", server.describe())
                .isGreaterThan(out.indexOf(out.stream().filter(l -> l.startsWith("Ready in")).findFirst().orElseThrow()));

        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
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
        HttpResponse<String> console = HttpClient.newBuilder().sslContext(trustAll).build().send(
                HttpRequest.newBuilder(URI.create(tls.group(1) + "/")).timeout(Duration.ofSeconds(30))
                        .header("Accept", "text/html").GET().build(), // a browser's GET: the console
                HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("<html");
    }

    @Test
    @Timeout(120)
    void aTlsPortAlreadyTakenStopsTheServerWithAMessageNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerProcess server = launch("server", "--port", "0", "--tls-port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", tmp.resolve("data").toString());
            int exit = server.awaitExit(Duration.ofSeconds(60));
            assertThat(exit).as("exit code%s", server.describe()).isEqualTo(2);
            assertThat(String.join("\n", server.stderr())).as("stderr%s", server.describe())
                    .contains("TLS port " + taken.getLocalPort()).contains("--tls-port").contains("--no-tls");
            assertThat(server.stdout()).noneMatch(l -> l.startsWith("TLS: "));
        }
    }

    @Test
    @Timeout(90)
    void secondServerOnTheSameDataDirFailsFastWithOneLineNamingTheDirectory() {
        Path dataDir = tmp.resolve("shared-data").toAbsolutePath();
        ServerProcess first = startServer("--port", "0", "--data-dir", dataDir.toString(), "--state-change-ms", "50");

        long started = System.nanoTime();
        ServerProcess second = launch("server", "--port", "0", "--data-dir", dataDir.toString(), "--state-change-ms", "50");
        int exit = second.awaitExit(Duration.ofSeconds(20));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(exit).as("exit code of the second server%s", second.describe()).isNotZero();
        assertThat(second.stdout()).as("the second server must not claim to be ready%s", second.describe())
                .noneMatch(l -> l.startsWith("Ready in") || l.contains("Kinesis endpoint"));
        List<String> message = nonBlank(second.stderr());
        assertThat(message).as("error output of the second server: exactly one line%s", second.describe()).hasSize(1);
        assertThat(message.get(0)).as("the error line").contains(dataDir.toString()).containsIgnoringCase("data dir");
        assertThat(tookMillis).as("time to fail, ms (fails fast, no waiting for the lock)").isLessThan(15_000);

        // The first server is unharmed.
        assertThat(first.process().isAlive()).as("first server still running%s", first.describe()).isTrue();
        try (KinesisClient client = Sdk.client(first.endpoint(), true)) {
            assertThat(client.listStreams().streamNames()).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void serverOnAPortAlreadyTakenFailsWithAMessageNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ServerProcess server = launch("server", "--port", Integer.toString(port),
                    "--data-dir", tmp.resolve("port-data").toAbsolutePath().toString());
            int exit = server.awaitExit(Duration.ofSeconds(30));

            assertThat(exit).as("exit code when the port is taken%s", server.describe()).isNotZero();
            assertThat(server.stdout()).as("must not claim to be ready%s", server.describe())
                    .noneMatch(l -> l.startsWith("Ready in"));
            String errors = String.join("\n", server.stderr());
            assertThat(errors).as("error output%s", server.describe()).contains(Integer.toString(port));
            assertThat(errors).as("error output is a message, not a stack trace%s", server.describe())
                    .doesNotContain("\tat ", "Exception in thread");
        }
    }

    @Test
    @Timeout(120)
    void sigtermStopsTheServerCleanlyAndItsDataIsThereAfterARestart() throws Exception {
        Path dataDir = tmp.resolve("sigterm-data").toAbsolutePath();
        ServerProcess server = startServer("--port", "0", "--data-dir", dataDir.toString(), "--state-change-ms", "50");
        List<PutRecordResponse> puts = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        try (KinesisClient client = Sdk.client(server.endpoint(), true)) {
            client.createStream(r -> r.streamName("wildrydes").shardCount(1));
            Sdk.awaitActive(client, "wildrydes", Duration.ofSeconds(20));
            for (int i = 0; i < 25; i++) {
                String data = "{\"Name\":\"Shadowfax\",\"reading\":" + i + "}";
                sent.add(data);
                puts.add(client.putRecord(r -> r.streamName("wildrydes").partitionKey("Shadowfax")
                        .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))));
            }
        }

        long stopping = System.nanoTime();
        server.process().destroy(); // SIGTERM
        int exit = server.awaitExit(Duration.ofSeconds(10));
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        // The JVM exits with 128 + 15 when SIGTERM starts its shutdown, after the shutdown hook ran.
        assertThat(exit).as("exit code after SIGTERM%s", server.describe()).isEqualTo(143);
        assertThat(stopMillis).as("ms to stop after SIGTERM").isLessThan(10_000);
        assertThat(String.join("\n", server.stderr())).as("stderr of a clean stop%s", server.describe())
                .doesNotContain("Exception", "ERROR");

        ServerProcess restarted = startServer("--port", "0", "--data-dir", dataDir.toString(), "--state-change-ms", "50");
        try (KinesisClient client = Sdk.client(restarted.endpoint(), true)) {
            assertThat(client.listStreams().streamNames()).containsExactly("wildrydes");
            List<Record> records = Sdk.readShard(client, "wildrydes", "shardId-000000000000");
            assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactlyElementsOf(sent);
            assertThat(records).extracting(Record::sequenceNumber)
                    .containsExactlyElementsOf(puts.stream().map(PutRecordResponse::sequenceNumber).toList());
            assertThat(records).extracting(Record::partitionKey).containsOnly("Shadowfax");
        }
    }

    @Test
    @Timeout(60)
    void aHostBeyondLoopbackWithoutCredentialsRefusesToStartAndSaysWhatToDo() {
        // Refused before anything is bound: no port is opened on the network.
        ServerProcess server = launch("server", "--host", "0.0.0.0", "--port", "0", "--in-memory", "--no-tls");
        int exit = server.awaitExit(Duration.ofSeconds(30));
        assertThat(exit).as("exit code%s", server.describe()).isEqualTo(2);
        assertThat(String.join("\n", server.stderr())).as(server.describe())
                .contains("Listening on 0.0.0.0 makes the server reachable from other machines")
                .contains("--credentials FILE").contains("--allow-anonymous");
        assertThat(server.stdout()).noneMatch(l -> l.startsWith("Ready in"));
    }

    @Test
    @Timeout(120)
    void withCredentialsTheBannerSaysSignaturesAreVerifiedAndOnlyTheRightKeyIsServed() throws Exception {
        Path keys = tmp.resolve("keys.txt");
        java.nio.file.Files.writeString(keys, wildrydes.testing.TestKeys.fileText());
        ServerProcess server = startServer("--port", "0", "--in-memory", "--no-tls", "--credentials", keys.toString());
        assertThat(server.stdout()).as(server.describe()).contains("Security: SigV4 signatures verified (4 access key(s) from "
                + keys.toAbsolutePath() + "; accounts 000000000000, 111111111111, 222222222222, each sees only its own streams and tables)"
                + "; at most 10000 connections");
        String endpoint = server.awaitReady(Duration.ofSeconds(5));
        try (KinesisClient alice = wildrydes.testing.TestKeys.kinesis(endpoint, wildrydes.testing.TestKeys.ALICE);
             KinesisClient wrong = wildrydes.testing.TestKeys.kinesis(endpoint,
                     wildrydes.testing.TestKeys.provider("AKIDALICE00000000001", "wrong"))) {
            assertThat(alice.listStreams().streamNames()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(wrong::listStreams).isInstanceOfSatisfying(
                    software.amazon.awssdk.services.kinesis.model.KinesisException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }

    @Test
    @Timeout(60)
    void anUnusableCredentialsFileStopsTheServerWithOneLineSayingWhereAndWhat() throws Exception {
        Path keys = tmp.resolve("keys.txt");
        java.nio.file.Files.writeString(keys, "AKIDALICE secret 1234\n");
        ServerProcess server = launch("server", "--port", "0", "--in-memory", "--no-tls", "--credentials", keys.toString());
        assertThat(server.awaitExit(Duration.ofSeconds(30))).as(server.describe()).isEqualTo(2);
        assertThat(nonBlank(server.stderr())).as(server.describe()).containsExactly("wildrydes server: " + keys
                + " line 1: account id '1234' of key AKIDALICE must be 12 digits, like 111122223333.");
    }
}
