package wildrydes.lab.consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import wildrydes.lab.tail.TailRecord;

/**
 * Formats records for the consumer. JSON data keeps its field order and number text; data
 * that is not JSON is shown safely (as a JSON string when it is text, in base64 when it is not)
 * instead of stopping the consumer as the original did.
 */
public final class RecordFormatter {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final OutputFormat format;
    private final boolean meta;

    public RecordFormatter(OutputFormat format, boolean meta) {
        this.format = format;
        this.meta = meta;
    }

    /**
     * The text to print for one record, without the trailing newline. With meta data, a user
     * record of a KPL aggregate also shows its sub-sequence number: as "SubSequenceNumber" after
     * "SequenceNumber" in JSON, as {@code SEQUENCE:SUB} in the sequence column of raw and base64.
     */
    public String format(TailRecord record) {
        return format(record.shardId(), record.sequenceNumber(), record.aggregated() ? record.subSequenceNumber() : null,
                record.partitionKey(), record.arrival() == null ? Instant.EPOCH : record.arrival(), record.data());
    }

    /** The text to print for one record, without the trailing newline. */
    public String format(String shardId, String sequenceNumber, String partitionKey, Instant arrival, byte[] data) {
        return format(shardId, sequenceNumber, null, partitionKey, arrival, data);
    }

    private String format(String shardId, String sequenceNumber, Long subSequenceNumber, String partitionKey, Instant arrival,
                          byte[] data) {
        return switch (format) {
            case PRETTY, LINE -> {
                JsonNode value = dataAsJson(data);
                if (meta) {
                    ObjectNode wrapper = JSON.createObjectNode();
                    wrapper.put("ShardId", shardId);
                    wrapper.put("SequenceNumber", sequenceNumber);
                    if (subSequenceNumber != null) {
                        wrapper.put("SubSequenceNumber", subSequenceNumber);
                    }
                    wrapper.put("PartitionKey", partitionKey);
                    wrapper.put("ApproximateArrivalTimestamp", arrival.toString());
                    wrapper.set("Data", value);
                    value = wrapper;
                }
                StringBuilder out = new StringBuilder(256);
                write(value, out, format == OutputFormat.PRETTY ? 0 : -1);
                yield out.toString();
            }
            case RAW -> prefix(shardId, sequence(sequenceNumber, subSequenceNumber), partitionKey, arrival)
                    + stripNewline(text(data, true));
            case BASE64 -> prefix(shardId, sequence(sequenceNumber, subSequenceNumber), partitionKey, arrival)
                    + Base64.getEncoder().encodeToString(data);
        };
    }

    private static String sequence(String sequenceNumber, Long subSequenceNumber) {
        return subSequenceNumber == null ? sequenceNumber : sequenceNumber + ":" + subSequenceNumber;
    }

    private String prefix(String shardId, String sequenceNumber, String partitionKey, Instant arrival) {
        return meta ? shardId + "\t" + sequenceNumber + "\t" + partitionKey + "\t" + arrival + "\t" : "";
    }

    private static String stripNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** The data as a JSON value: parsed when it is JSON, else a string (text) or {"base64": ...}. */
    static JsonNode dataAsJson(byte[] data) {
        try (JsonParser parser = JSON.createParser(data)) {
            JsonNode node = JSON.readTree(parser);
            if (node != null && parser.nextToken() == null) {
                return node;
            }
        } catch (IOException notJson) {
            // shown below as text or base64
        }
        String text = text(data, false);
        if (text != null) {
            return JSON.getNodeFactory().textNode(text);
        }
        return JSON.createObjectNode().put("base64", Base64.getEncoder().encodeToString(data));
    }

    /** The data as UTF-8 text; null (or, when lenient, text with replacement characters) if it is not valid UTF-8. */
    static String text(byte[] data, boolean lenient) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return lenient ? new String(data, StandardCharsets.UTF_8) : null;
        }
    }

    /** Writes JSON as Go's MarshalIndent(v, "", "    ") does when depth >= 0, compact when depth < 0. */
    private static void write(JsonNode node, StringBuilder out, int depth) {
        boolean pretty = depth >= 0;
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(out, depth + 1, pretty);
                out.append(JSON.getNodeFactory().textNode(field.getKey()).toString()).append(pretty ? ": " : ":");
                write(field.getValue(), out, pretty ? depth + 1 : -1);
            }
            newline(out, depth, pretty);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(out, depth + 1, pretty);
                write(node.get(i), out, pretty ? depth + 1 : -1);
            }
            newline(out, depth, pretty);
            out.append(']');
        } else if (node.isBigDecimal()) {
            out.append(node.decimalValue().toString());
        } else {
            out.append(node.toString());
        }
    }

    private static void newline(StringBuilder out, int depth, boolean pretty) {
        if (pretty) {
            out.append('\n').append("    ".repeat(depth));
        }
    }
}
