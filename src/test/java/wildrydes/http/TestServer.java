package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import wildrydes.testing.ServerFixture;

/** A real server on 127.0.0.1 and a plain HTTP/1.1 client that signs requests only in shape. */
final class TestServer extends ServerFixture {
    static final String JSON = "application/x-amz-json-1.1";
    static final String CBOR = "application/x-amz-cbor-1.1";
    static final String TARGET_PREFIX = "Kinesis_20131202.";
    static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0";
    static final String AMZ_DATE = "20260101T000000Z";
    static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    static final ObjectMapper CBOR_MAPPER = new ObjectMapper(new CBORFactory());
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final AtomicInteger MARKERS = new AtomicInteger();

    private HttpClient client;
    private URI endpoint;
    private String stream;
    private int shards;
    private boolean marker;
    private Acked first;

    /** A record the server acknowledged. */
    record Acked(String stream, String shardId, String sequenceNumber, byte[] data, String partitionKey) {
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private TestServer(boolean durable) {
        super(durable, UnaryOperator.identity());
    }

    /** An in-memory server for the tests of a class. */
    public static TestServer inMemory() {
        return new TestServer(false);
    }

    /** A server that keeps its data in a directory of its own and fsyncs every acknowledged write, so writes answer later. */
    public static TestServer durable() {
        return new TestServer(true);
    }

    /** Creates the stream, and waits for it to be ACTIVE, before the first test. */
    TestServer withStream(String name, int shardCount) {
        this.stream = name;
        this.shards = shardCount;
        return this;
    }

    /** Then puts a marker record in it: {@link #first()}. */
    TestServer withMarker() {
        this.marker = true;
        return this;
    }

    @Override
    protected void started() {
        endpoint = URI.create(endpoint() + "/");
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        if (stream != null) {
            createStream(stream, shards);
            if (marker) {
                first = putMarker(stream);
            }
        }
    }

    @Override
    protected void stopping() {
        client.close();
    }

    /** The marker record put before the first test. */
    Acked first() {
        return first;
    }

    // ------------------------------------------------------------------ sending

    /** POST to {@code path} with exactly the given headers (name, value pairs). */
    HttpResponse<byte[]> send(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return exchange(request.build());
    }

    HttpResponse<byte[]> get(String path) {
        return exchange(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A signed (in shape) API call. */
    HttpResponse<byte[]> post(String operation, String contentType, byte[] body) {
        return send("/", body,
                "Content-Type", contentType,
                "X-Amz-Target", TARGET_PREFIX + operation,
                "Authorization", AUTHORIZATION,
                "X-Amz-Date", AMZ_DATE);
    }

    HttpResponse<byte[]> postJson(String operation, String json) {
        return post(operation, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON call that must succeed; its parsed body. */
    JsonNode ok(String operation, String json) {
        HttpResponse<byte[]> response = postJson(operation, json);
        assertThat(response.statusCode()).as("%s %s -> %s", operation, json, text(response)).isEqualTo(200);
        return body(response);
    }

    // ------------------------------------------------------------------ reading

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String contentType(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    /** The body, parsed as the Content-Type says. */
    static JsonNode body(HttpResponse<byte[]> response) {
        return parse(contentType(response), response.body());
    }

    static JsonNode parse(String contentType, byte[] body) {
        try {
            if (CBOR.equals(contentType)) {
                return CBOR_MAPPER.readTree(body);
            }
            assertThat(contentType).isEqualTo(JSON);
            return JSON_MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("body is not " + contentType + ": " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * Asserts an AWS error answer: the status, x-amzn-ErrorType, a body of exactly __type and
     * message in the given format, and the request id headers. Returns the message.
     */
    static String assertError(HttpResponse<byte[]> response, int status, String type, String format) {
        assertThat(response.statusCode()).as("status of %s", text(response)).isEqualTo(status);
        assertThat(contentType(response)).isEqualTo(format);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
        assertRequestIds(response);
        JsonNode body = parse(format, response.body());
        assertThat(body.isObject()).isTrue();
        assertThat(body.get("__type").textValue()).isEqualTo(type);
        assertThat(body.get("message").isTextual()).as("message in %s", body).isTrue();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("__type", "message");
        return body.get("message").textValue();
    }

    static String assertJsonError(HttpResponse<byte[]> response, String type) {
        return assertError(response, 400, type, JSON);
    }

    static void assertRequestIds(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id -> assertThat(id).matches(UUID));
        assertThat(response.headers().firstValue("x-amz-id-2")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ------------------------------------------------------------------ streams and records

    void createStream(String name, int shards) {
        ok("CreateStream", "{\"StreamName\": \"" + name + "\", \"ShardCount\": " + shards + "}");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode summary = ok("DescribeStreamSummary", "{\"StreamName\": \"" + name + "\"}");
            if ("ACTIVE".equals(summary.get("StreamDescriptionSummary").get("StreamStatus").textValue())) {
                return;
            }
            assertThat(System.nanoTime()).as("stream %s becomes ACTIVE", name).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Acked putRecord(String stream, String partitionKey, byte[] data) {
        ObjectNode request = JSON_MAPPER.createObjectNode()
                .put("StreamName", stream)
                .put("PartitionKey", partitionKey)
                .put("Data", Base64.getEncoder().encodeToString(data));
        JsonNode result = ok("PutRecord", request.toString());
        assertThat(result.get("ShardId").textValue()).startsWith("shardId-");
        assertThat(result.get("SequenceNumber").textValue()).matches("\\d+");
        return new Acked(stream, result.get("ShardId").textValue(), result.get("SequenceNumber").textValue(), data, partitionKey);
    }

    /** Puts a fresh, recognisable record and returns its acknowledgement. */
    Acked putMarker(String stream) {
        String marker = "marker-" + MARKERS.incrementAndGet() + "-" + System.nanoTime();
        return putRecord(stream, marker, marker.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the acknowledged record back, by its sequence number, and checks it is intact. */
    void assertReadable(Acked acked) {
        JsonNode iterator = ok("GetShardIterator", "{\"StreamName\": \"" + acked.stream() + "\", \"ShardId\": \"" + acked.shardId()
                + "\", \"ShardIteratorType\": \"AT_SEQUENCE_NUMBER\", \"StartingSequenceNumber\": \"" + acked.sequenceNumber() + "\"}");
        JsonNode records = ok("GetRecords", "{\"ShardIterator\": \"" + iterator.get("ShardIterator").textValue() + "\", \"Limit\": 1}");
        List<JsonNode> list = new java.util.ArrayList<>();
        records.get("Records").forEach(list::add);
        assertThat(list).as("the acknowledged record %s", acked.sequenceNumber()).hasSize(1);
        JsonNode record = list.get(0);
        assertThat(record.get("SequenceNumber").textValue()).isEqualTo(acked.sequenceNumber());
        assertThat(record.get("PartitionKey").textValue()).isEqualTo(acked.partitionKey());
        assertThat(Base64.getDecoder().decode(record.get("Data").textValue())).isEqualTo(acked.data());
    }

    /**
     * Puts a record, runs the bad request, then checks the server still answers (on a new
     * request) and the record, and every record given, are still readable.
     */
    void survives(String stream, Call badRequest, Acked... earlier) {
        Acked before = putMarker(stream);
        try {
            badRequest.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        ok("ListStreams", "{}");
        assertReadable(before);
        for (Acked acked : earlier) {
            assertReadable(acked);
        }
    }
}
