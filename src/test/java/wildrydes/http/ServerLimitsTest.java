package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * What one client can take from the server: connections beyond --max-connections are closed at
 * once, idle connections and requests that trickle in (slowloris) are closed after their timeouts,
 * and large bodies arriving together are refused with ServiceUnavailable once they would go over
 * the body budget; meanwhile the server answers everyone else.
 */
class ServerLimitsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0";

    static KinesisServer start(UnaryOperator<ConnectionLimits> limits) {
        return KinesisServer.start(ServerConfig.defaults().withPort(0).withInMemory().withStateChangeMillis(0)
                .withConnectionLimits(limits.apply(ConnectionLimits.defaults())), null);
    }

    static Socket connect(KinesisServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    static byte[] head(int contentLength) {
        return ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "X-Amz-Target: Kinesis_20131202.ListStreams\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: " + AUTH + "\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A complete ListStreams on a connection of its own: the server still answers others. */
    static int listStreams(KinesisServer server) throws IOException {
        try (Socket socket = connect(server)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(2));
            out.write("{}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawHttp.read(socket.getInputStream(), false).status();
        }
    }

    static void awaitOpen(KinesisServer server, int connections) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.openConnections() != connections) {
            assertThat(System.nanoTime()).as("%d connections open, not %d", server.openConnections(), connections)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    static void assertClosedWithin(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // whatever the server said before closing
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + within, e);
        } catch (IOException reset) {
            assertThat(reset).hasMessageContaining("reset");
        }
    }

    @Test
    void connectionsOverTheLimitAreClosedAtOnceAndTheOthersAreServed() throws Exception {
        try (KinesisServer server = start(l -> l.withMaxConnections(5))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(connect(server));
                }
                // Each connection is counted on its event loop, later than connect() returns: wait
                // for all four, or the fifth's close could be taken for one of them being counted.
                awaitOpen(server, 4);
                assertThat(listStreams(server)).isEqualTo(200); // the fifth
                awaitOpen(server, 4);
                held.add(connect(server));
                awaitOpen(server, 5); // accepted on another event loop: let it count before the sixth
                try (Socket sixth = connect(server)) {
                    assertClosedWithin(sixth, Duration.ofSeconds(5));
                }
                assertThat(server.refusedConnections()).isEqualTo(1);
                held.remove(0).close();
                awaitOpen(server, 4);
                assertThat(listStreams(server)).isEqualTo(200);
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void idleConnectionsAndRequestsThatTrickleInAreClosed() throws Exception {
        try (KinesisServer server = start(l -> l.withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofSeconds(60)));
             Socket idle = connect(server);
             Socket slowHeaders = connect(server);
             Socket slowBody = connect(server)) {
            long started = System.nanoTime();
            slowHeaders.getOutputStream().write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-".getBytes(StandardCharsets.US_ASCII));
            slowBody.getOutputStream().write(head(100));
            slowBody.getOutputStream().write("{\"Limit\":".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3; i++) { // a byte now and then keeps neither alive: the request must arrive whole in 1 s
                Thread.sleep(400);
                slowHeaders.getOutputStream().write('x');
                slowBody.getOutputStream().write(' ');
            }
            assertClosedWithin(slowHeaders, Duration.ofSeconds(3));
            assertClosedWithin(slowBody, Duration.ofSeconds(3));
            assertClosedWithin(idle, Duration.ofSeconds(3));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            assertThat(listStreams(server)).isEqualTo(200);
        }
    }

    @Test
    void bodiesArrivingTogetherOverTheBudgetAreRefusedAsServiceUnavailable() throws Exception {
        int mebibyte = 1024 * 1024;
        try (KinesisServer server = start(l -> l.withBodyBudget(ApiServer.MAX_BODY_BYTES));
             Socket first = connect(server);
             Socket second = connect(server)) {
            int firstLength = 12 * mebibyte;
            first.getOutputStream().write(head(firstLength));
            first.getOutputStream().write(" ".repeat(10 * mebibyte).getBytes(StandardCharsets.US_ASCII));
            first.getOutputStream().flush();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (bodyBytes(server) < 10L * mebibyte) {
                assertThat(System.nanoTime()).as("the first body is being received").isLessThan(deadline);
                Thread.sleep(10);
            }
            second.getOutputStream().write(head(8 * mebibyte));
            try {
                second.getOutputStream().write(" ".repeat(8 * mebibyte).getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedMeanwhile) {
                // the server may answer and close before the whole body is sent
            }
            RawHttp.Response refused = RawHttp.read(second.getInputStream(), false);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).get("__type").asText()).isEqualTo("ServiceUnavailable");
            assertThat(refused.header("Connection")).isEqualTo("close");

            first.getOutputStream().write((" ".repeat(2 * mebibyte - 2) + "{}").getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(first.getInputStream(), false).status()).isEqualTo(200);
            deadline = System.nanoTime() + 5_000_000_000L; // given back on the event loop once the answer is sent
            while (bodyBytes(server) != 0) {
                assertThat(System.nanoTime()).as("the budget is given back").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }

    static long bodyBytes(KinesisServer server) {
        return server.bodyBytesInFlight();
    }
}
