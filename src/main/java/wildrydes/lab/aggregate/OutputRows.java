package wildrydes.lab.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Result rows as output records: compact JSON, columns in the query's order, and a whole
 * number held as a double (a SUM of the DOUBLE column Distance) written as an integer, as the
 * workshop's output had it ({@code "Distance":362}, not {@code 362.0}). The partition key is
 * the key column's value as text; a NULL or empty value gives the key {@code null}, and a key
 * is cut to Kinesis' 256 characters.
 */
final class OutputRows {
    static final int MAX_KEY_LENGTH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double EXACT_LIMIT = 9_007_199_254_740_992d; // 2^53: beyond it a double is not an exact integer

    private OutputRows() {
    }

    static List<OutputRow> of(List<ObjectNode> rows, int keyIndex) {
        List<OutputRow> out = new ArrayList<>(rows.size());
        for (ObjectNode row : rows) {
            out.add(of(row, keyIndex));
        }
        return out;
    }

    /** @param keyIndex the position of the partition key's column among the row's fields (from 0) */
    static OutputRow of(ObjectNode row, int keyIndex) {
        JsonNode key = null;
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); index++) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (index == keyIndex) {
                key = value;
            }
            if (value.isFloatingPointNumber()) {
                double d = value.doubleValue();
                if (d == Math.rint(d) && Math.abs(d) < EXACT_LIMIT && !(d == 0 && 1 / d < 0)) {
                    field.setValue(LongNode.valueOf((long) d));
                }
            }
        }
        String text = key == null || key.isNull() || key.asText().isEmpty() ? "null" : key.isTextual() ? key.textValue() : key.toString();
        if (text.length() > MAX_KEY_LENGTH) {
            text = text.substring(0, MAX_KEY_LENGTH);
        }
        try {
            return new OutputRow(text, JSON.writeValueAsBytes(row));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
