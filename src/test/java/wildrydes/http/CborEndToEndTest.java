package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.http.TestServer.CBOR;
import static wildrydes.http.TestServer.body;
import static wildrydes.http.TestServer.contentType;
import static wildrydes.protocol.CborBytes.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writes and reads in CBOR, as the AWS SDK for Java does by default, and the same data seen through JSON. */
class CborEndToEndTest {
    private static final String STREAM = "cbor";

    @RegisterExtension
    static final TestServer server = TestServer.inMemory().withStream(STREAM, 1);

    /** The index just after the CBOR text string {@code key}, or -1. */
    private static int afterKey(byte[] bytes, String key) {
        byte[] encoded = cbor().text(key).toBytes();
        outer:
        for (int i = 0; i + encoded.length <= bytes.length; i++) {
            for (int j = 0; j < encoded.length; j++) {
                if (bytes[i + j] != encoded[j]) {
                    continue outer;
                }
            }
            return i + encoded.length;
        }
        return -1;
    }

    /** Reads a CBOR unsigned integer (major type 0) at {@code at}. */
    private static long unsignedAt(byte[] bytes, int at) {
        int head = bytes[at] & 0xFF;
        assertThat(head >>> 5).as("major type 0 (unsigned integer), not a float").isZero();
        int info = head & 0x1F;
        if (info < 24) {
            return info;
        }
        int length = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw new AssertionError("bad additional info " + info);
        };
        long value = 0;
        for (int i = 1; i <= length; i++) {
            value = (value << 8) | (bytes[at + i] & 0xFF);
        }
        return value;
    }

    private static JsonNode putCbor(String partitionKey, byte[] data) {
        byte[] request = cbor().mapStart()
                .text("StreamName").text(STREAM)
                .text("PartitionKey").text(partitionKey)
                .text("Data").bytes(data)
                .end().toBytes();
        HttpResponse<byte[]> response = server.post("PutRecord", CBOR, request);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo(CBOR);
        return body(response);
    }

    private static String iteratorCbor(byte[] request) {
        HttpResponse<byte[]> response = server.post("GetShardIterator", CBOR, request);
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        return body(response).get("ShardIterator").textValue();
    }

    @Test
    void putsAndGetsRecordsInCborWithByteStringsAndTaggedIntegerTimestamps() {
        long before = System.currentTimeMillis();
        byte[] data = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};
        JsonNode put = putCbor("cbor-key", data);
        String sequence = put.get("SequenceNumber").textValue();

        String iterator = iteratorCbor(cbor().map(4)
                .text("StreamName").text(STREAM)
                .text("ShardId").text(put.get("ShardId").textValue())
                .text("ShardIteratorType").text("AT_SEQUENCE_NUMBER")
                .text("StartingSequenceNumber").text(sequence)
                .toBytes());
        HttpResponse<byte[]> response = server.post("GetRecords", CBOR,
                cbor().mapStart().text("ShardIterator").text(iterator).text("Limit").uint(1).end().toBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo(CBOR);
        byte[] raw = response.body();
        JsonNode record = body(response).get("Records").get(0);
        assertThat(record.get("SequenceNumber").textValue()).isEqualTo(sequence);
        assertThat(record.get("PartitionKey").textValue()).isEqualTo("cbor-key");

        int dataAt = afterKey(raw, "Data");
        assertThat(dataAt).isPositive();
        assertThat(raw[dataAt] & 0xFF).as("Data as a byte string of 5").isEqualTo(0x45);

        int timestampAt = afterKey(raw, "ApproximateArrivalTimestamp");
        assertThat(timestampAt).as("ApproximateArrivalTimestamp in %s", HexFormat.of().formatHex(raw)).isPositive();
        assertThat(raw[timestampAt] & 0xFF).as("CBOR tag 1").isEqualTo(0xC1);
        long millis = unsignedAt(raw, timestampAt + 1);
        assertThat(millis).as("epoch milliseconds").isBetween(before - 1000, System.currentTimeMillis() + 1000);
    }

    @Test
    void showsTheSameRecordThroughJsonWithBase64AndEpochSeconds() {
        byte[] data = "seen through json".getBytes(StandardCharsets.UTF_8);
        JsonNode put = putCbor("json-view", data);
        long before = System.currentTimeMillis();

        String iterator = server.ok("GetShardIterator", "{\"StreamName\": \"" + STREAM + "\", \"ShardId\": \""
                + put.get("ShardId").textValue() + "\", \"ShardIteratorType\": \"AT_SEQUENCE_NUMBER\", "
                + "\"StartingSequenceNumber\": \"" + put.get("SequenceNumber").textValue() + "\"}").get("ShardIterator").textValue();
        HttpResponse<byte[]> response = server.postJson("GetRecords", "{\"ShardIterator\": \"" + iterator + "\", \"Limit\": 1}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode record = body(response).get("Records").get(0);
        assertThat(Base64.getDecoder().decode(record.get("Data").textValue())).isEqualTo(data);
        JsonNode timestamp = record.get("ApproximateArrivalTimestamp");
        assertThat(timestamp.isNumber()).isTrue();
        assertThat(TestServer.text(response)).containsPattern("\"ApproximateArrivalTimestamp\":\\d{10}\\.\\d{3}[,}]");
        BigDecimal seconds = timestamp.decimalValue();
        assertThat(seconds.movePointRight(3).longValue()).isBetween(before - 60_000, before + 1000);
        assertThat(body(response).get("NextShardIterator").textValue()).isNotBlank();
        assertThat(body(response).get("MillisBehindLatest").isNumber()).isTrue();
    }

    @Test
    void readsAtATimestampGivenAsTagOneAndIntegerMilliseconds() throws InterruptedException {
        putCbor("early", new byte[]{1});
        Thread.sleep(20);
        long cut = System.currentTimeMillis();
        Thread.sleep(20);
        JsonNode later = putCbor("late", new byte[]{2});

        String iterator = iteratorCbor(cbor().mapStart()
                .text("StreamName").text(STREAM)
                .text("ShardId").text("shardId-000000000000")
                .text("ShardIteratorType").text("AT_TIMESTAMP")
                .text("Timestamp").tag(1).uint(cut)
                .end().toBytes());
        HttpResponse<byte[]> response = server.post("GetRecords", CBOR,
                cbor().mapStart().text("ShardIterator").text(iterator).end().toBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode records = body(response).get("Records");
        assertThat(records).isNotEmpty();
        assertThat(records.get(0).get("SequenceNumber").textValue()).isEqualTo(later.get("SequenceNumber").textValue());
    }

    @Test
    void readsAtATimestampGivenAsJsonEpochSeconds() throws InterruptedException {
        putCbor("early-json", new byte[]{1});
        Thread.sleep(20);
        long cut = System.currentTimeMillis();
        Thread.sleep(20);
        JsonNode later = putCbor("late-json", new byte[]{2});

        String iterator = server.ok("GetShardIterator", "{\"StreamName\": \"" + STREAM + "\", \"ShardId\": \"shardId-000000000000\", "
                + "\"ShardIteratorType\": \"AT_TIMESTAMP\", \"Timestamp\": " + BigDecimal.valueOf(cut, 3).toPlainString() + "}")
                .get("ShardIterator").textValue();
        JsonNode records = server.ok("GetRecords", "{\"ShardIterator\": \"" + iterator + "\"}").get("Records");

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).get("SequenceNumber").textValue()).isEqualTo(later.get("SequenceNumber").textValue());
    }

    @Test
    void answersDescribeStreamSummaryInCborWithATaggedIntegerCreationTimestamp() {
        HttpResponse<byte[]> response = server.post("DescribeStreamSummary", CBOR,
                cbor().map(1).text("StreamName").text(STREAM).toBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        byte[] raw = response.body();
        int at = afterKey(raw, "StreamCreationTimestamp");
        assertThat(at).isPositive();
        assertThat(raw[at] & 0xFF).isEqualTo(0xC1);
        assertThat(unsignedAt(raw, at + 1)).isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis() + 1000);
        assertThat(body(response).get("StreamDescriptionSummary").get("StreamStatus").textValue()).isEqualTo("ACTIVE");
    }

    @Test
    void acceptsCborBodiesWrittenByJacksonWithDefiniteLengths() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        try (var g = new com.fasterxml.jackson.dataformat.cbor.CBORFactory().createGenerator(out)) {
            g.writeStartObject(null, 3);
            g.writeStringField("StreamName", STREAM);
            g.writeStringField("PartitionKey", "definite");
            g.writeFieldName("Data");
            g.writeBinary(new byte[]{42});
            g.writeEndObject();
        }
        byte[] request = out.toByteArray();
        assertThat(request[0] & 0xFF).isEqualTo(0xA3);

        HttpResponse<byte[]> response = server.post("PutRecord", CBOR, request);

        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        JsonNode put = body(response);
        server.assertReadable(new TestServer.Acked(STREAM, put.get("ShardId").textValue(),
                put.get("SequenceNumber").textValue(), new byte[]{42}, "definite"));
    }
}
