package wildrydes.lab.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of Parquet objects as the SQL engine's JSON transform takes them: a JSON object of
 * field name to type, e.g. {@code {"Name":"VARCHAR","StatusTime":"TIMESTAMP"}}. Given on the
 * command line as a column list, {@code "Name VARCHAR, StatusTime TIMESTAMP, Distance DOUBLE"}
 * (any DuckDB type, nested ones and {@code DECIMAL(10,2)} included); otherwise inferred from each
 * delivery's records.
 */
final class ParquetSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COLUMN = Pattern.compile("\\s*(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)\\s+(\\S.*?)\\s*");

    private ParquetSchema() {
    }

    /** The structure for a column list; throws IllegalArgumentException saying what is wrong. */
    static String structure(String columns) {
        ObjectNode structure = JSON.createObjectNode();
        for (String column : splitTopLevel(columns)) {
            Matcher m = COLUMN.matcher(column);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + column.strip() + "' is not a column: write NAME TYPE, e.g. "
                        + "\"Name VARCHAR, StatusTime TIMESTAMP, Distance DOUBLE\"");
            }
            String name = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            if (structure.has(name)) {
                throw new IllegalArgumentException("column " + name + " is named twice in the schema");
            }
            structure.put(name, m.group(2));
        }
        if (structure.isEmpty()) {
            throw new IllegalArgumentException("the schema names no column");
        }
        return structure.toString();
    }

    /** Splits at commas outside parentheses and quotes. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) {
            throw new IllegalArgumentException("unbalanced parentheses or quotes in the schema '" + text + "'");
        }
        String last = text.substring(start);
        if (!last.isBlank() || !parts.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }
}
