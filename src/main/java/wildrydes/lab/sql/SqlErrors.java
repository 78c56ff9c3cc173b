package wildrydes.lab.sql;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's messages on one line. DuckDB reports a position as a second part, the query line
 * with a caret under the column ("LINE 1: SELECT * FRM t" / "                 ^"); users of a
 * command line want "... (line 1, column 10)" instead, never a stack trace.
 */
final class SqlErrors {
    private static final Pattern LINE = Pattern.compile("^LINE (\\d+): (.*)$");

    private SqlErrors() {
    }

    static SqlException wrap(SQLException e) {
        return new SqlException(oneLine(e.getMessage()), e);
    }

    /** The first line of an engine message, with the caret's position as "(line L, column C)". */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "the SQL engine failed without a message";
        }
        String[] lines = message.strip().split("\\R");
        String first = lines[0].strip();
        for (int i = 0; i + 1 < lines.length; i++) {
            Matcher line = LINE.matcher(lines[i]);
            int caret = lines[i + 1].indexOf('^');
            if (line.matches() && caret >= 0) {
                int column = caret - ("LINE " + line.group(1) + ": ").length() + 1;
                return first + " (line " + line.group(1) + ", column " + Math.max(1, column) + ")";
            }
        }
        return first;
    }
}
