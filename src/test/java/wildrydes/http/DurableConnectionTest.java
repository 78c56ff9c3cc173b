package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.http.TestServer.AMZ_DATE;
import static wildrydes.http.TestServer.AUTHORIZATION;
import static wildrydes.http.TestServer.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ordering on one connection when writes answer late (a durable server acknowledges a write
 * only after fsync): later requests, even ones refused outright, must not overtake it.
 */
class DurableConnectionTest {
    private static final String STREAM = "durable";
    private static final int LIMIT = 16 * 1024 * 1024;

    @RegisterExtension
    static final TestServer server = TestServer.durable().withStream(STREAM, 1);

    private static byte[] request(String operation, String json, int contentLength) {
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return RawHttp.request("POST", "/", body,
                "Host", "127.0.0.1:" + server.port(),
                "Content-Type", JSON,
                "X-Amz-Target", "Kinesis_20131202." + operation,
                "Authorization", AUTHORIZATION,
                "X-Amz-Date", AMZ_DATE,
                "Content-Length", Integer.toString(body == null ? contentLength : body.length));
    }

    private static String putJson(String text) {
        return "{\"StreamName\": \"" + STREAM + "\", \"PartitionKey\": \"" + text + "\", \"Data\": \""
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static JsonNode json(RawHttp.Response response) {
        return TestServer.parse(response.header("Content-Type"), response.body());
    }

    @Test
    void answersAPipelinedReadAfterTheWriteBeforeIt() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(request("PutRecord", putJson("first"), 0));
        both.writeBytes(request("DescribeStreamSummary", "{\"StreamName\": \"" + STREAM + "\"}", 0));
        both.writeBytes(request("NoSuchOperation", "{}", 0));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(both.toByteArray());
            InputStream in = new BufferedInputStream(socket.getInputStream());

            RawHttp.Response put = RawHttp.read(in);
            RawHttp.Response summary = RawHttp.read(in);
            RawHttp.Response unknown = RawHttp.read(in);

            assertThat(put.status()).as(put.bodyText()).isEqualTo(200);
            assertThat(json(put).has("SequenceNumber")).isTrue();
            assertThat(summary.status()).isEqualTo(200);
            assertThat(json(summary).has("StreamDescriptionSummary")).isTrue();
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(json(unknown).get("__type").textValue()).isEqualTo("UnknownOperationException");
        }
    }

    @Test
    void answersAPipelinedWriteBeforeRefusingTheOversizedRequestAfterIt() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(request("PutRecord", putJson("before-oversized"), 0));
        both.writeBytes(request("PutRecords", null, LIMIT + 1));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(both.toByteArray());
            InputStream in = new BufferedInputStream(socket.getInputStream());

            RawHttp.Response put = RawHttp.read(in);
            assertThat(put.status()).as("the PutRecord's own answer comes first: %s", put.bodyText()).isEqualTo(200);
            JsonNode acked = json(put);
            assertThat(acked.get("SequenceNumber").textValue()).matches("\\d+");

            RawHttp.Response refused = RawHttp.read(in);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(json(refused).get("__type").textValue()).isEqualTo("SerializationException");

            server.assertReadable(new TestServer.Acked(STREAM, acked.get("ShardId").textValue(),
                    acked.get("SequenceNumber").textValue(), "before-oversized".getBytes(StandardCharsets.UTF_8),
                    "before-oversized"));
        }
    }

    @Test
    void answersAPipelinedWriteBeforeRefusingTheMalformedRequestAfterIt() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(request("PutRecord", putJson("before-garbage"), 0));
        both.writeBytes("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(both.toByteArray());
            InputStream in = new BufferedInputStream(socket.getInputStream());

            RawHttp.Response put = RawHttp.read(in);
            assertThat(put.status()).as(put.bodyText()).isEqualTo(200);
            RawHttp.Response refused = RawHttp.read(in);
            assertThat(refused.status()).isBetween(400, 499);
        }
    }
}
