package wildrydes.lab.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons outside quotes ('...', "..."), dollar quotes
 * ($$...$$, $tag$...$tag$) and comments (-- to the line end, /* ... *&#47;). Blank statements
 * and statements of comments only are dropped; a last statement without a semicolon counts.
 */
public final class SqlScript {
    private final List<String> statements = new ArrayList<>();
    private boolean open;
    private boolean endsWithSemicolon;

    private SqlScript(String text) {
        StringBuilder current = new StringBuilder();
        boolean significant = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end;
            boolean comment = false;
            if (c == '\'' || c == '"') {
                end = closing(text, i + 1, c);
            } else if (text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                end = newline < 0 ? text.length() : newline;
                comment = true;
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                open = close < 0;
                end = close < 0 ? text.length() : close + 2;
                comment = true;
            } else if (c == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                int close = text.indexOf(tag, i + tag.length());
                open = close < 0;
                end = close < 0 ? text.length() : close + tag.length();
            } else if (c == ';') {
                add(current, significant);
                current.setLength(0);
                significant = false;
                endsWithSemicolon = true;
                i++;
                continue;
            } else {
                end = i + 1;
            }
            if (!comment && !Character.isWhitespace(c)) {
                significant = true;
                endsWithSemicolon = false;
            }
            current.append(text, i, end);
            i = end;
        }
        add(current, significant);
    }

    /** The statements of the text, in order. */
    public static List<String> split(String text) {
        return new SqlScript(text).statements;
    }

    /** Whether typed text is ready to run: it ends with a semicolon outside any quote or comment (or is blank). */
    public static boolean complete(String text) {
        SqlScript script = new SqlScript(text);
        return !script.open && (script.statements.isEmpty() || script.endsWithSemicolon);
    }

    private int closing(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2; // an escaped quote
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        open = true;
        return text.length();
    }

    private static String dollarTag(String text, int at) {
        int close = text.indexOf('$', at + 1);
        if (close < 0) {
            return null;
        }
        String tag = text.substring(at, close + 1);
        return tag.matches("\\$[A-Za-z_]*\\$") ? tag : null;
    }

    private void add(StringBuilder current, boolean significant) {
        String statement = current.toString().strip();
        if (significant && !statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
