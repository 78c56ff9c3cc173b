package wildrydes.lab.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import wildrydes.lab.sql.SqlEngine;

/**
 * Prints a result as it is read, so a large one is never held in memory: a table takes its column
 * widths from the first {@value #WIDTH_SAMPLE} rows (a wider value later just pushes its row out
 * of line), CSV and JSON lines need none. Timestamps print as the lab writes them
 * ({@code yyyy-MM-dd HH:mm:ss.SSS}); NULL prints as NULL in a table, empty in CSV, null in JSON.
 */
final class ResultPrinter {
    static final int WIDTH_SAMPLE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ResultPrinter() {
    }

    /** Prints every row; returns how many. */
    static long print(ResultSet result, OutputMode mode, PrintStream out) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        String[] names = new String[columns];
        for (int i = 0; i < columns; i++) {
            names[i] = meta.getColumnLabel(i + 1);
        }
        return switch (mode) {
            case TABLE -> table(result, names, out);
            case CSV -> csv(result, names, out);
            case JSON -> jsonLines(result, names, out);
        };
    }

    private static JsonNode[] row(ResultSet result, int columns) throws SQLException {
        JsonNode[] row = new JsonNode[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = SqlEngine.valueAsJson(result.getObject(i + 1));
        }
        return row;
    }

    private static String text(JsonNode value, String nullText) {
        if (value.isNull()) {
            return nullText;
        }
        return value.isTextual() ? value.asText() : value.isBigDecimal() ? value.decimalValue().toPlainString() : value.toString();
    }

    private static long table(ResultSet result, String[] names, PrintStream out) throws SQLException {
        int columns = names.length;
        List<JsonNode[]> sample = new ArrayList<>();
        while (sample.size() < WIDTH_SAMPLE && result.next()) {
            sample.add(row(result, columns));
        }
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        for (int i = 0; i < columns; i++) {
            widths[i] = names[i].length();
            numeric[i] = !sample.isEmpty();
            for (JsonNode[] row : sample) {
                widths[i] = Math.max(widths[i], text(row[i], "NULL").length());
                numeric[i] &= row[i].isNumber() || row[i].isNull();
            }
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            header.append(i == 0 ? " " : " | ").append(pad(names[i], widths[i], numeric[i]));
            rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(header.toString().stripTrailing());
        out.println(rule.append('-'));
        long rows = 0;
        for (JsonNode[] row : sample) {
            printRow(row, widths, numeric, out);
            rows++;
        }
        while (result.next()) {
            printRow(row(result, columns), widths, numeric, out);
            rows++;
        }
        return rows;
    }

    private static void printRow(JsonNode[] row, int[] widths, boolean[] numeric, PrintStream out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(i == 0 ? " " : " | ").append(pad(text(row[i], "NULL"), widths[i], numeric[i]));
        }
        out.println(line.toString().stripTrailing());
    }

    private static String pad(String text, int width, boolean right) {
        if (text.length() >= width) {
            return text;
        }
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }

    private static long csv(ResultSet result, String[] names, PrintStream out) throws SQLException {
        List<String> header = new ArrayList<>();
        for (String name : names) {
            header.add(csvField(name));
        }
        out.print(String.join(",", header) + "\r\n");
        long rows = 0;
        while (result.next()) {
            JsonNode[] row = row(result, names.length);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(csvField(text(row[i], "")));
            }
            out.print(line.append("\r\n"));
            rows++;
        }
        return rows;
    }

    private static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static long jsonLines(ResultSet result, String[] names, PrintStream out) throws SQLException {
        long rows = 0;
        while (result.next()) {
            JsonNode[] row = row(result, names.length);
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < row.length; i++) {
                object.set(names[i], row[i]);
            }
            try {
                out.println(JSON.writeValueAsString(object));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            rows++;
        }
        return rows;
    }
}
