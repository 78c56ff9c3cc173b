package wildrydes.lab.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import wildrydes.lab.tail.TailRecord;

/**
 * One invocation's input: a batch of Kinesis records of one shard, and for a tumbling window
 * its bounds and state. {@link #json()} writes it exactly as Lambda's Kinesis event source
 * mapping sends it, fields in Lambda's order:
 * <pre>
 * {"Records":[{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"...","sequenceNumber":"...",
 *   "data":"base64","approximateArrivalTimestamp":1545084650.987},"eventSource":"aws:kinesis",
 *   "eventVersion":"1.0","eventID":"shardId-...:seq","eventName":"aws:kinesis:record",
 *   "invokeIdentityArn":"arn:aws:iam::...","awsRegion":"us-east-1","eventSourceARN":"arn:aws:kinesis:..."}],
 *  // with a tumbling window only:
 *  "window":{"start":"...Z","end":"...Z"},"state":{},"shardId":"...","eventSourceARN":"...",
 *  "isFinalInvokeForWindow":false,"isWindowTerminatedEarly":false}
 * </pre>
 */
public record FunctionEvent(Source source, String shardId, List<TailRecord> records, Window window) {

    /** Who sends the event: the stream, the region and the mapping's execution role. */
    public record Source(String streamArn, String region, String invokeIdentityArn) {
    }

    /** A tumbling window's part of the event. */
    public record Window(Instant start, Instant end, JsonNode state, boolean finalInvoke, boolean terminatedEarly) {
    }

    public byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + records.size() * 400);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (TailRecord record : records) {
                writeRecord(g, record);
            }
            g.writeEndArray();
            if (window != null) {
                g.writeObjectFieldStart("window");
                g.writeStringField("start", window.start().toString());
                g.writeStringField("end", window.end().toString());
                g.writeEndObject();
                g.writeFieldName("state");
                if (window.state() == null) {
                    g.writeStartObject();
                    g.writeEndObject();
                } else {
                    g.writeTree(window.state());
                }
                g.writeStringField("shardId", shardId);
                g.writeStringField("eventSourceARN", source.streamArn());
                g.writeBooleanField("isFinalInvokeForWindow", window.finalInvoke());
                g.writeBooleanField("isWindowTerminatedEarly", window.terminatedEarly());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeRecord(JsonGenerator g, TailRecord record) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("kinesis");
        g.writeStringField("kinesisSchemaVersion", "1.0");
        g.writeStringField("partitionKey", record.partitionKey());
        g.writeStringField("sequenceNumber", record.sequenceNumber());
        g.writeStringField("data", Base64.getEncoder().encodeToString(record.data()));
        g.writeFieldName("approximateArrivalTimestamp");
        g.writeNumber(epochSeconds(record.arrival()));
        g.writeEndObject();
        g.writeStringField("eventSource", "aws:kinesis");
        g.writeStringField("eventVersion", "1.0");
        g.writeStringField("eventID", record.shardId() + ":" + record.sequenceNumber());
        g.writeStringField("eventName", "aws:kinesis:record");
        g.writeStringField("invokeIdentityArn", source.invokeIdentityArn());
        g.writeStringField("awsRegion", source.region());
        g.writeStringField("eventSourceARN", source.streamArn());
        g.writeEndObject();
    }

    /** Epoch seconds with the milliseconds as a fraction, as a JSON double prints them: 1545084650.987, 1545084650.0. */
    static String epochSeconds(Instant arrival) {
        long millis = arrival == null ? 0 : arrival.toEpochMilli();
        String plain = BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /** The size of the event's JSON, estimated from the records without writing it (Lambda's 6 MB payload limit). */
    public static long estimatedSize(TailRecord record, Source source) {
        return 330 + record.partitionKey().length() + 2L * record.sequenceNumber().length() + record.shardId().length()
                + (record.data().length + 2L) / 3 * 4 + source.streamArn().length() + source.invokeIdentityArn().length();
    }
}
