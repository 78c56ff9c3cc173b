package wildrydes.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import wildrydes.protocol.eventstream.EventStreamDecoder;
import wildrydes.protocol.eventstream.EventStreamMessage;

/** A SubscribeToShard over a plain HTTP/1.1 socket, reading the chunked event stream by hand. */
final class RawEventStream implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final EventStreamDecoder decoder = new EventStreamDecoder();
    private final ArrayDeque<EventStreamMessage> messages = new ArrayDeque<>();
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();

    private RawEventStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Sends the request; with {@code receiveBuffer} > 0 the socket's receive buffer is that small. */
    static RawEventStream open(int port, String contentType, byte[] body, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType + "\r\n"
                + "X-Amz-Target: Kinesis_20131202.SubscribeToShard\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc\r\nX-Amz-Date: 20260101T000000Z\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return new RawEventStream(socket);
    }

    /** Reads the status line and headers. */
    RawEventStream readHead() throws IOException {
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        return this;
    }

    /** The next event-stream message, decoding chunks as needed; null when the response ended. */
    EventStreamMessage next() throws IOException {
        while (messages.isEmpty()) {
            int size = Integer.parseInt(line().trim(), 16);
            if (size == 0) {
                line();
                return null;
            }
            byte[] chunk = in.readNBytes(size);
            assertThat(chunk).hasSize(size);
            line();
            messages.addAll(decoder.feed(chunk));
        }
        return messages.poll();
    }

    /** The rest of a non-streaming body (Content-Length). */
    byte[] body() throws IOException {
        return in.readNBytes(Integer.parseInt(headers.get("content-length")));
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertThat(b).as("connection open").isNotNegative();
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
