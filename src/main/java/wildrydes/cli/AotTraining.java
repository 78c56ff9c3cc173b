package wildrydes.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import wildrydes.server.KinesisServer;

/**
 * The training run of the server's ahead-of-time cache (JDK 25+, {@code -XX:AOTCacheOutput}):
 * parses a {@code server} command line as {@link Main} does, starts that server (TLS included) on
 * free ports in a temporary data directory, sends the requests of a first client (ListStreams,
 * CreateStream, PutRecord, GetRecords) and stops. The JVM then writes the classes it loaded and
 * linked, and their profiles, to the cache, which later server starts map instead of loading and
 * linking those classes again. {@code ./wildrydes server} runs it once per build.
 */
public final class AotTraining {
    private static final String JSON = "application/x-amz-json-1.1";

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("wildrydes-aot-training");
        try {
            ServerCommand command = ServerCommand.parseQuickly(List.of("--port", "0", "--tls-port", "0",
                    "--state-change-ms", "0", "--data-dir", dataDir.toString()));
            if (command == null || command.problem() != null) {
                throw new IllegalStateException("the training's server command line does not parse");
            }
            try (KinesisServer server = KinesisServer.start(command.config(), command.tls());
                 Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                train(socket);
            }
        } finally {
            deleteTree(dataDir);
        }
        System.exit(0); // as Main does, so the cache is written the same way
    }

    private static void train(Socket socket) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        for (int i = 0; i < 20; i++) {
            call(in, out, "ListStreams", "{}");
        }
        call(in, out, "CreateStream", "{\"StreamName\":\"training\",\"ShardCount\":1}");
        call(in, out, "DescribeStreamSummary", "{\"StreamName\":\"training\"}");
        String data = "\"Data\":\"eyJGdWVsIjo5OS41LCJMYXRpdHVkZSI6NDcuNjE1fQ==\"";
        for (int i = 0; i < 20; i++) { // each waits for an fsync: few
            call(in, out, "PutRecord", "{\"StreamName\":\"training\",\"PartitionKey\":\"unicorn-" + i + "\"," + data + "}");
        }
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            records.append(i == 0 ? "" : ",").append("{\"PartitionKey\":\"unicorn-").append(i).append("\",").append(data).append('}');
        }
        call(in, out, "PutRecords", "{\"StreamName\":\"training\",\"Records\":[" + records + "]}");
        String iterator = call(in, out, "GetShardIterator",
                "{\"StreamName\":\"training\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"TRIM_HORIZON\"}");
        String token = "\"ShardIterator\":\"";
        int start = iterator.indexOf(token);
        if (start >= 0) {
            String value = iterator.substring(start + token.length(), iterator.indexOf('"', start + token.length()));
            call(in, out, "GetRecords", "{\"ShardIterator\":\"" + value + "\",\"Limit\":1000}");
        }
        call(in, out, "DeleteStream", "{\"StreamName\":\"training\"}");
    }

    /** One keep-alive HTTP/1.1 request; returns the response body. */
    private static String call(InputStream in, OutputStream out, String action, String body) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + JSON + "\r\n"
                + "X-Amz-Target: Kinesis_20131202." + action + "\r\n"
                + "X-Amz-Date: 20260101T000000Z\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0\r\n"
                + "Content-Length: " + payload.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        int length = -1;
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        if (length < 0) {
            throw new IOException(action + ": a response without content-length");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
