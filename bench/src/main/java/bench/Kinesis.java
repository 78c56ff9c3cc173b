package bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One keep-alive HTTP/1.1 connection speaking Kinesis JSON 1.1 with a SigV4-shaped
 * Authorization header: a deliberately small blocking client, so its cost is the same, and
 * small, against every server. Not thread-safe: one per thread.
 */
final class Kinesis implements AutoCloseable {
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0";

    /** A response: status and body bytes. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean ok() {
            return status == 200;
        }

        /** The error type (the part after '#' of __type), or "" for a 200. */
        String errorType() {
            if (ok()) {
                return "";
            }
            String type = Json.str(body, "__type");
            if (type == null) {
                return "HTTP " + status;
            }
            int hash = type.lastIndexOf('#');
            return hash >= 0 ? type.substring(hash + 1) : type;
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];

    Kinesis(String url) {
        String rest = url.replaceFirst("^http://", "");
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        int colon = rest.lastIndexOf(':');
        this.host = colon < 0 ? rest : rest.substring(0, colon);
        this.port = colon < 0 ? 80 : Integer.parseInt(rest.substring(colon + 1));
    }

    private void connect(int connectTimeoutMillis) throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(120_000);
        try {
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        if (s.getLocalPort() == port && s.getInetAddress().isLoopbackAddress()) {
            // TCP self-connect: polling a port nobody listens on yet, inside the ephemeral range
            s.close();
            throw new IOException("self-connect on port " + port);
        }
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 1 << 16);
        out = s.getOutputStream();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    /** Sends one request; reconnects once if a kept-alive connection turns out closed. */
    Response call(String operation, byte[] body) throws IOException {
        return call(operation, body, 10_000);
    }

    Response call(String operation, byte[] body, int connectTimeoutMillis) throws IOException {
        boolean fresh = socket == null;
        try {
            return exchange(operation, body, connectTimeoutMillis);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange(operation, body, connectTimeoutMillis);
        }
    }

    Response call(String operation, String json) throws IOException {
        return call(operation, json.getBytes(StandardCharsets.UTF_8));
    }

    private Response exchange(String operation, byte[] body, int connectTimeoutMillis) throws IOException {
        Head h = send(operation, body, connectTimeoutMillis);
        byte[] content;
        if (h.chunked) {
            content = new Chunked(this).readAllBytes();
        } else if (h.length >= 0) {
            content = in.readNBytes((int) h.length);
            if (content.length != h.length) {
                throw new EOFException("body cut short");
            }
        } else {
            content = in.readAllBytes();
        }
        if (h.closeAfter || (!h.chunked && h.length < 0)) {
            close();
        }
        return new Response(h.status, content);
    }

    /** The status line and the headers that matter of a response. */
    private record Head(int status, long length, boolean chunked, boolean closeAfter) {
    }

    private Head send(String operation, byte[] body, int connectTimeoutMillis) throws IOException {
        connect(connectTimeoutMillis);
        // A full target (DynamoDB_20120810.PutItem) is the DynamoDB API, JSON 1.0; a bare name is Kinesis's.
        boolean fullTarget = operation.contains(".");
        String head = "POST / HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Content-Type: application/x-amz-json-" + (fullTarget ? "1.0" : "1.1") + "\r\n"
                + "X-Amz-Target: " + (fullTarget ? operation : "Kinesis_20131202." + operation) + "\r\n"
                + "X-Amz-Date: 20260101T000000Z\r\n"
                + "Authorization: " + AUTH + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        return new Head(code, length, chunked, closeAfter);
    }

    /**
     * Sends a request whose answer streams (SubscribeToShard): returns the status and the body as
     * it arrives. The connection is the stream's until {@link #close()}.
     */
    StreamingResponse openStream(String operation, byte[] body) throws IOException {
        Head h = send(operation, body, 10_000);
        InputStream bodyIn;
        if (h.chunked) {
            bodyIn = new Chunked(this);
        } else if (h.length >= 0) {
            bodyIn = new java.io.ByteArrayInputStream(in.readNBytes((int) h.length));
        } else {
            bodyIn = in;
        }
        return new StreamingResponse(h.status, bodyIn);
    }

    record StreamingResponse(int status, InputStream body) {
    }

    /** The body of a chunked response, read as it arrives. */
    private static final class Chunked extends InputStream {
        private final Kinesis k;
        private int left;
        private boolean end;

        Chunked(Kinesis k) {
            this.k = k;
        }

        private boolean next() throws IOException {
            if (end) {
                return false;
            }
            while (left == 0) {
                String size = k.readLine();
                if (size.isEmpty()) {
                    continue; // the CRLF after a chunk
                }
                int semi = size.indexOf(';');
                left = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (left == 0) {
                    while (!k.readLine().isEmpty()) {
                        // trailers
                    }
                    end = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!next()) {
                return -1;
            }
            int b = k.in.read();
            if (b < 0) {
                throw new EOFException("connection closed in a chunk");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!next()) {
                return -1;
            }
            int n = k.in.read(buf, off, Math.min(len, left));
            if (n < 0) {
                throw new EOFException("connection closed in a chunk");
            }
            left -= n;
            return n;
        }
    }

    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                break;
            }
            if (b != '\r' && n < line.length) {
                line[n++] = (byte) b;
            }
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    // ---- request bodies ----

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static byte[] putRecordsBody(String stream, List<String> keys, String dataBase64) {
        List<String> data = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            data.add(dataBase64);
        }
        return putRecordsBody(stream, keys, data);
    }

    static byte[] putRecordsBody(String stream, List<String> keys, List<String> dataBase64) {
        StringBuilder sb = new StringBuilder(64 + keys.size() * (dataBase64.get(0).length() + 40));
        sb.append("{\"StreamName\":").append(quote(stream)).append(",\"Records\":[");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"PartitionKey\":").append(quote(keys.get(i))).append(",\"Data\":\"").append(dataBase64.get(i)).append("\"}");
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Base64 of {@code size} random bytes: incompressible, so a store that compresses gains nothing from it. */
    static String data(int size) {
        byte[] bytes = new byte[size];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    // ---- the few JSON reads the tools need: scanning, no tree, no dependency ----

    static final class Json {
        private Json() {
        }

        /** The string value of the first "key": "..." at or after from, or null. */
        static String str(byte[] b, String key) {
            int[] at = {0};
            return str(b, key, at);
        }

        /** As {@link #str(byte[], String)}, starting at at[0]; leaves at[0] just after the value. */
        static String str(byte[] b, String key, int[] at) {
            int v = valueStart(b, key, at[0]);
            if (v < 0 || b[v] != '"') {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            int i = v + 1;
            while (i < b.length && b[i] != '"') {
                if (b[i] == '\\' && i + 1 < b.length) {
                    i++;
                    sb.append(b[i] == 'n' ? '\n' : b[i] == 't' ? '\t' : (char) b[i]);
                } else {
                    sb.append((char) b[i]);
                }
                i++;
            }
            at[0] = i + 1;
            return sb.toString();
        }

        /** The integer value of the first "key": n, or def. */
        static long num(byte[] b, String key, long def) {
            int v = valueStart(b, key, 0);
            if (v < 0) {
                return def;
            }
            long n = 0;
            boolean any = false;
            for (int i = v; i < b.length && b[i] >= '0' && b[i] <= '9'; i++) {
                n = n * 10 + (b[i] - '0');
                any = true;
            }
            return any ? n : def;
        }

        /** Every string value of "key" in order. */
        static List<String> all(byte[] b, String key) {
            List<String> values = new ArrayList<>();
            int[] at = {0};
            while (true) {
                String s = str(b, key, at);
                if (s == null) {
                    return values;
                }
                values.add(s);
            }
        }

        /** How many times "key" occurs as a key. */
        static int count(byte[] b, String key) {
            byte[] k = ("\"" + key + "\"").getBytes(StandardCharsets.US_ASCII);
            int n = 0;
            for (int i = indexOf(b, k, 0); i >= 0; i = indexOf(b, k, i + k.length)) {
                int j = skipSpace(b, i + k.length);
                if (j < b.length && b[j] == ':') {
                    n++;
                }
            }
            return n;
        }

        private static int valueStart(byte[] b, String key, int from) {
            byte[] k = ("\"" + key + "\"").getBytes(StandardCharsets.US_ASCII);
            for (int i = indexOf(b, k, from); i >= 0; i = indexOf(b, k, i + k.length)) {
                int j = skipSpace(b, i + k.length);
                if (j < b.length && b[j] == ':') {
                    j = skipSpace(b, j + 1);
                    return j < b.length ? j : -1;
                }
            }
            return -1;
        }

        private static int skipSpace(byte[] b, int i) {
            while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
                i++;
            }
            return i;
        }

        static int indexOf(byte[] b, byte[] k, int from) {
            outer:
            for (int i = Math.max(0, from); i <= b.length - k.length; i++) {
                if (b[i] != k[0]) {
                    continue;
                }
                for (int j = 1; j < k.length; j++) {
                    if (b[i + j] != k[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
