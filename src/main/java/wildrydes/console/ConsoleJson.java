package wildrydes.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import wildrydes.metrics.Metric;
import wildrydes.metrics.MetricsStore;
import wildrydes.metrics.MinuteSeries;
import wildrydes.stream.Stream;

/** The JSON documents of the console's small read-only endpoints. */
final class ConsoleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConsoleJson() {
    }

    /** Records and bytes written to each stream in the last minute, for the streams list. */
    static byte[] activity(List<Stream> streams, MetricsStore metrics, long nowMillis) {
        ObjectNode root = MAPPER.createObjectNode().put("serverTimeMillis", nowMillis);
        ObjectNode byStream = root.putObject("streams");
        for (Stream stream : streams) {
            byStream.putObject(stream.name())
                    .put("incomingRecords", metrics.lastSixtySeconds(stream.name(), Metric.INCOMING_RECORDS))
                    .put("incomingBytes", metrics.lastSixtySeconds(stream.name(), Metric.INCOMING_BYTES));
        }
        return write(root);
    }

    /** One value per minute and metric, oldest minute first, the current (partial) minute last. */
    static byte[] window(String stream, MinuteSeries series, long nowMillis) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("stream", stream)
                .put("serverTimeMillis", nowMillis)
                .put("firstMinuteMillis", series.firstMinuteMillis())
                .put("minuteMillis", MinuteSeries.MINUTE_MILLIS)
                .put("minutes", series.minutes());
        ObjectNode values = root.putObject("series");
        for (Metric metric : Metric.values()) {
            ArrayNode minutes = values.putArray(metric.key());
            for (long value : series.values(metric)) {
                minutes.add(value);
            }
        }
        return write(root);
    }

    /** Whether the server wants real credentials, and where to sign for. */
    static byte[] authInfo(boolean credentialsRequired, String region) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("credentialsRequired", credentialsRequired).put("region", region).put("service", "kinesis");
        return write(node);
    }

    /** An error worded and shaped as the API's: {@code {"__type": ..., "message": ...}}. */
    static byte[] error(String type, String message) {
        return write(MAPPER.createObjectNode().put("__type", type).put("message", message));
    }

    private static byte[] write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write console JSON", e);
        }
    }
}
