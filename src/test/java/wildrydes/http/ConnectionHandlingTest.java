package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.http.TestServer.AMZ_DATE;
import static wildrydes.http.TestServer.AUTHORIZATION;
import static wildrydes.http.TestServer.CBOR;
import static wildrydes.http.TestServer.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Framing over one TCP connection: oversized bodies, keep-alive, pipelining. */
class ConnectionHandlingTest {
    private static final String STREAM = "connections";
    private static final int LIMIT = 16 * 1024 * 1024;

    @RegisterExtension
    static final TestServer server = TestServer.inMemory().withStream(STREAM, 1).withMarker();

    private static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static String[] apiHeaders(String operation, String contentType, int length, String... more) {
        String[] base = {
            "Host", "127.0.0.1:" + server.port(),
            "Content-Type", contentType,
            "X-Amz-Target", "Kinesis_20131202." + operation,
            "Authorization", AUTHORIZATION,
            "X-Amz-Date", AMZ_DATE,
            "Content-Length", Integer.toString(length),
        };
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static byte[] apiRequest(String operation, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return RawHttp.request("POST", "/", body, apiHeaders(operation, JSON, body.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static JsonNode json(RawHttp.Response response) {
        return TestServer.parse(response.header("Content-Type"), response.body());
    }

    /** Asserts the peer closed the connection: end of stream (or a reset) rather than more data or a timeout. */
    private static void assertClosed(InputStream in) {
        try {
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("reset");
        }
    }

    @Nested
    class OversizedBodies {

        @Test
        void rejectsBodyDeclaredOverTheLimitAndClosesTheConnection() {
            server.survives(STREAM, () -> {
                try (Socket socket = connect()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(RawHttp.request("POST", "/", null, apiHeaders("PutRecords", JSON, LIMIT + 1)));
                    out.flush();
                    InputStream in = new BufferedInputStream(socket.getInputStream());

                    RawHttp.Response response = RawHttp.read(in);

                    assertThat(response.status()).isEqualTo(400);
                    assertThat(response.header("Content-Type")).isEqualTo(JSON);
                    assertThat(response.header("x-amzn-ErrorType")).isEqualTo("SerializationException");
                    assertThat(response.header("x-amzn-RequestId")).matches(TestServer.UUID);
                    assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
                    JsonNode body = json(response);
                    assertThat(body.get("__type").textValue()).isEqualTo("SerializationException");
                    assertThat(body.get("message").textValue()).contains(Integer.toString(LIMIT));
                    assertClosed(in);
                }
            }, server.first());
        }

        @Test
        void answersAnOversizedCborRequestInCbor() {
            server.survives(STREAM, () -> {
                try (Socket socket = connect()) {
                    socket.getOutputStream().write(RawHttp.request("POST", "/", null, apiHeaders("PutRecords", CBOR, LIMIT + 1)));
                    InputStream in = new BufferedInputStream(socket.getInputStream());

                    RawHttp.Response response = RawHttp.read(in);

                    assertThat(response.status()).isEqualTo(400);
                    assertThat(response.header("Content-Type")).isEqualTo(CBOR);
                    assertThat(json(response).get("__type").textValue()).isEqualTo("SerializationException");
                    assertClosed(in);
                }
            }, server.first());
        }

        @Test
        void rejectsChunkedBodyThatGrowsOverTheLimitAndClosesTheConnection() {
            server.survives(STREAM, () -> {
                try (Socket socket = connect()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(RawHttp.request("POST", "/", null,
                            "Host", "127.0.0.1:" + server.port(),
                            "Content-Type", JSON,
                            "X-Amz-Target", "Kinesis_20131202.PutRecords",
                            "Authorization", AUTHORIZATION,
                            "X-Amz-Date", AMZ_DATE,
                            "Transfer-Encoding", "chunked"));
                    // One chunk one byte over the limit, and nothing after it: the server has read
                    // everything sent when it answers, so its close is clean.
                    int size = LIMIT + 1;
                    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] piece = new byte[64 * 1024];
                    Arrays.fill(piece, (byte) 'a');
                    int sent = 0;
                    while (sent < size) {
                        int n = Math.min(piece.length, size - sent);
                        out.write(piece, 0, n);
                        sent += n;
                    }
                    out.flush();
                    InputStream in = new BufferedInputStream(socket.getInputStream());

                    RawHttp.Response response = RawHttp.read(in);

                    assertThat(response.status()).isEqualTo(400);
                    assertThat(response.header("Content-Type")).isEqualTo(JSON);
                    assertThat(json(response).get("__type").textValue()).isEqualTo("SerializationException");
                    assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
                    assertClosed(in);
                }
            }, server.first());
        }

        @Test
        void acceptsABodyOfExactlyTheLimit() throws IOException {
            String head = "{\"Padding\": \"";
            String tail = "\"}";
            byte[] body = new byte[LIMIT];
            Arrays.fill(body, (byte) 'x');
            System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, body, 0, head.length());
            System.arraycopy(tail.getBytes(StandardCharsets.UTF_8), 0, body, LIMIT - tail.length(), tail.length());
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                out.write(RawHttp.request("POST", "/", body, apiHeaders("ListStreams", JSON, body.length)));
                out.flush();
                InputStream in = new BufferedInputStream(socket.getInputStream());

                RawHttp.Response response = RawHttp.read(in);

                assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
                assertThat(json(response).get("StreamNames").toString()).contains(STREAM);
            }
        }
    }

    @Nested
    class MalformedHttp {

        /** Sends the bytes on a fresh connection and returns the answer, asserting the connection is then closed. */
        private RawHttp.Response sendAndExpectClose(byte[] request) throws IOException {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                RawHttp.Response response = RawHttp.read(in);
                assertClosed(in);
                return response;
            }
        }

        @Test
        void rejectsHeadersTooLargeToReadAndClosesTheConnection() {
            server.survives(STREAM, () -> {
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                RawHttp.Response response = sendAndExpectClose(RawHttp.request("POST", "/", body,
                        apiHeaders("ListStreams", JSON, body.length, "X-Padding", "p".repeat(64 * 1024))));
                assertThat(response.status()).isBetween(400, 499);
                assertThat(response.header("x-amzn-RequestId")).isNotNull();
            }, server.first());
        }

        @Test
        void rejectsAGarbageRequestLineAndClosesTheConnection() {
            server.survives(STREAM, () -> {
                RawHttp.Response response = sendAndExpectClose("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(response.status()).isBetween(400, 499);
            }, server.first());
        }

        @Test
        void rejectsAnInvalidContentLengthAndClosesTheConnection() {
            server.survives(STREAM, () -> {
                byte[] head = RawHttp.request("POST", "/", null, "Host", "127.0.0.1",
                        "Content-Type", JSON, "X-Amz-Target", "Kinesis_20131202.ListStreams",
                        "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE, "Content-Length", "two");
                RawHttp.Response response = sendAndExpectClose(concat(head, "{}".getBytes(StandardCharsets.UTF_8)));
                assertThat(response.status()).isBetween(400, 499);
            }, server.first());
        }

        @Test
        void rejectsAnInvalidChunkSizeAndClosesTheConnection() {
            server.survives(STREAM, () -> {
                byte[] head = RawHttp.request("POST", "/", null, "Host", "127.0.0.1",
                        "Content-Type", JSON, "X-Amz-Target", "Kinesis_20131202.ListStreams",
                        "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE, "Transfer-Encoding", "chunked");
                RawHttp.Response response = sendAndExpectClose(concat(head, "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(response.status()).isBetween(400, 499);
            }, server.first());
        }

        @Test
        void answersAGarbageRequestAfterAGoodOneInOrder() throws IOException {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(concat(apiRequest("ListStreams", "{}"), "NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                InputStream in = new BufferedInputStream(socket.getInputStream());
                RawHttp.Response good = RawHttp.read(in);
                assertThat(good.status()).isEqualTo(200);
                assertThat(json(good).get("StreamNames")).isNotNull();
                assertThat(RawHttp.read(in).status()).isBetween(400, 499);
                assertClosed(in);
            }
        }

        @Test
        void acceptsAChunkedBody() throws IOException {
            String json = "{\"StreamName\": \"" + STREAM + "\"}";
            byte[] data = json.getBytes(StandardCharsets.UTF_8);
            int half = data.length / 2;
            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            chunked.writeBytes((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(data, 0, half);
            chunked.writeBytes(("\r\n" + Integer.toHexString(data.length - half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(data, half, data.length - half);
            chunked.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (Socket socket = connect()) {
                socket.getOutputStream().write(RawHttp.request("POST", "/", chunked.toByteArray(),
                        "Host", "127.0.0.1", "Content-Type", JSON, "X-Amz-Target", "Kinesis_20131202.DescribeStreamSummary",
                        "Authorization", AUTHORIZATION, "X-Amz-Date", AMZ_DATE, "Transfer-Encoding", "chunked"));
                RawHttp.Response response = RawHttp.read(new BufferedInputStream(socket.getInputStream()));
                assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
                assertThat(json(response).get("StreamDescriptionSummary").get("StreamName").textValue()).isEqualTo(STREAM);
            }
        }

        @Test
        void answersExpectContinue() throws IOException {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                out.write(RawHttp.request("POST", "/", null, apiHeaders("ListStreams", JSON, body.length, "Expect", "100-continue")));
                InputStream in = new BufferedInputStream(socket.getInputStream());
                RawHttp.Response interim = RawHttp.read(in, true);
                assertThat(interim.status()).isEqualTo(100);
                out.write(body);
                RawHttp.Response response = RawHttp.read(in);
                assertThat(response.status()).isEqualTo(200);
            }
        }
    }

    @Nested
    class KeepAliveAndPipelining {

        @Test
        void answersPipelinedRequestsInOrder() throws IOException {
            String put = "{\"StreamName\": \"" + STREAM + "\", \"PartitionKey\": \"pipelined\", \"Data\": \""
                    + Base64.getEncoder().encodeToString("pipelined".getBytes(StandardCharsets.UTF_8)) + "\"}";
            byte[] requests = concat(
                    apiRequest("PutRecord", put),
                    apiRequest("NoSuchOperation", "{}"),
                    apiRequest("DescribeStreamSummary", "{\"StreamName\": \"" + STREAM + "\"}"),
                    RawHttp.request("GET", "/", null, "Host", "127.0.0.1"));
            try (Socket socket = connect()) {
                socket.getOutputStream().write(requests);
                socket.getOutputStream().flush();
                InputStream in = new BufferedInputStream(socket.getInputStream());

                RawHttp.Response putResponse = RawHttp.read(in);
                RawHttp.Response unknown = RawHttp.read(in);
                RawHttp.Response summary = RawHttp.read(in);
                RawHttp.Response get = RawHttp.read(in);

                assertThat(putResponse.status()).as(putResponse.bodyText()).isEqualTo(200);
                JsonNode acked = json(putResponse);
                assertThat(acked.get("SequenceNumber").textValue()).matches("\\d+");
                assertThat(unknown.status()).isEqualTo(400);
                assertThat(json(unknown).get("__type").textValue()).isEqualTo("UnknownOperationException");
                assertThat(summary.status()).isEqualTo(200);
                assertThat(json(summary).get("StreamDescriptionSummary").get("StreamName").textValue()).isEqualTo(STREAM);
                assertThat(get.status()).isEqualTo(200);
                assertThat(get.header("Content-Type")).startsWith("text/plain");

                server.assertReadable(new TestServer.Acked(STREAM, acked.get("ShardId").textValue(),
                        acked.get("SequenceNumber").textValue(), "pipelined".getBytes(StandardCharsets.UTF_8), "pipelined"));
            }
        }

        @Test
        void answersPipelinedWritesInTheOrderTheyWereSent() throws IOException {
            int count = 20;
            ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                StringBuilder records = new StringBuilder();
                int size = i % 2 == 0 ? 200 : 1;
                for (int r = 0; r < size; r++) {
                    records.append(r == 0 ? "" : ",").append("{\"PartitionKey\": \"k\", \"Data\": \"")
                            .append(Base64.getEncoder().encodeToString(("req-" + i + "-rec-" + r).getBytes(StandardCharsets.UTF_8)))
                            .append("\"}");
                }
                requests.writeBytes(apiRequest("PutRecords", "{\"StreamName\": \"" + STREAM + "\", \"Records\": [" + records + "]}"));
            }
            try (Socket socket = connect()) {
                socket.getOutputStream().write(requests.toByteArray());
                InputStream in = new BufferedInputStream(socket.getInputStream());
                java.math.BigInteger previous = java.math.BigInteger.valueOf(-1);
                for (int i = 0; i < count; i++) {
                    RawHttp.Response response = RawHttp.read(in);
                    assertThat(response.status()).as("response %d: %s", i, response.bodyText()).isEqualTo(200);
                    JsonNode records = json(response).get("Records");
                    assertThat(records).as("response %d answers request %d", i, i).hasSize(i % 2 == 0 ? 200 : 1);
                    java.math.BigInteger sequence = new java.math.BigInteger(records.get(0).get("SequenceNumber").textValue());
                    assertThat(sequence).as("one shard, so later requests get later sequence numbers").isGreaterThan(previous);
                    previous = new java.math.BigInteger(records.get(records.size() - 1).get("SequenceNumber").textValue());
                }
            }
        }

        @Test
        void keepsTheConnectionOpenBetweenRequests() throws IOException {
            try (Socket socket = connect()) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                for (int i = 0; i < 3; i++) {
                    socket.getOutputStream().write(apiRequest("ListStreams", "{}"));
                    RawHttp.Response response = RawHttp.read(in);
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.header("Connection")).isNotEqualToIgnoringCase("close");
                }
            }
        }

        @Test
        void keepsTheConnectionOpenAfterAClientError() throws IOException {
            try (Socket socket = connect()) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                socket.getOutputStream().write(apiRequest("ListStreams", "not json"));
                assertThat(RawHttp.read(in).status()).isEqualTo(400);
                socket.getOutputStream().write(apiRequest("ListStreams", "{}"));
                assertThat(RawHttp.read(in).status()).isEqualTo(200);
            }
        }

        @Test
        void closesTheConnectionWhenTheClientAsks() throws IOException {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            try (Socket socket = connect()) {
                socket.getOutputStream().write(RawHttp.request("POST", "/", body,
                        apiHeaders("ListStreams", JSON, body.length, "Connection", "close")));
                InputStream in = new BufferedInputStream(socket.getInputStream());

                RawHttp.Response response = RawHttp.read(in);

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
                assertClosed(in);
            }
        }

        @Test
        void answersHeadWithoutABodySoTheNextResponseStaysFramed() throws IOException {
            byte[] requests = concat(
                    RawHttp.request("HEAD", "/", null, "Host", "127.0.0.1"),
                    RawHttp.request("GET", "/", null, "Host", "127.0.0.1"));
            try (Socket socket = connect()) {
                socket.getOutputStream().write(requests);
                InputStream in = new BufferedInputStream(socket.getInputStream());

                RawHttp.Response head = RawHttp.read(in, true);
                RawHttp.Response get = RawHttp.read(in);

                assertThat(head.status()).isEqualTo(200);
                assertThat(get.status()).isEqualTo(200);
                assertThat(get.bodyText()).contains("Kinesis");
            }
        }
    }
}
