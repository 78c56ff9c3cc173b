package wildrydes.lab.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import wildrydes.lab.sql.SqlException;

/**
 * The interactive prompt of {@code wildrydes query}: statements end with ';' and may span lines;
 * a failing one says why and the prompt goes on. Dot commands: .tables, .mode table|csv|json,
 * .help, .quit. Each statement is appended to a history file ({@code ~/.wildrydes/query_history});
 * for line editing and recall with the arrow keys, run it under rlwrap.
 */
public final class QueryShell {
    private final LakeSession session;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Path history;
    private OutputMode mode;

    public QueryShell(LakeSession session, BufferedReader in, PrintStream out, PrintStream err, OutputMode mode, Path history) {
        this.session = session;
        this.in = in;
        this.out = out;
        this.err = err;
        this.mode = mode;
        this.history = history;
    }

    public void run() throws IOException {
        out.println("Wild Rydes query: SQL over the lake " + session.lake() + ". Statements end with ';'. .tables lists the "
                + "tables, .help the commands, .quit (or Ctrl+D) leaves.");
        tables();
        StringBuilder pending = new StringBuilder();
        while (true) {
            out.print(pending.isEmpty() ? "wildrydes> " : "      ...> ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                return;
            }
            if (pending.isEmpty() && line.strip().startsWith(".")) {
                if (!command(line.strip())) {
                    return;
                }
                continue;
            }
            pending.append(line).append('\n');
            if (SqlScript.complete(pending.toString())) {
                String text = pending.toString();
                pending.setLength(0);
                remember(text.strip());
                for (String statement : SqlScript.split(text)) {
                    runOne(statement);
                }
            }
        }
    }

    private void runOne(String statement) {
        try {
            session.refresh();
            LakeSession.Outcome outcome = session.run(statement, mode, out);
            err.println(QueryReport.describe(outcome));
        } catch (SqlException | java.io.UncheckedIOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    /** Returns false for .quit. */
    private boolean command(String line) {
        String[] words = line.split("\\s+");
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case ".quit", ".exit", ".q" -> {
                return false;
            }
            case ".tables" -> tables();
            case ".mode" -> {
                if (words.length == 2) {
                    try {
                        mode = OutputMode.valueOf(words[1].toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        err.println("Error: .mode takes table, csv or json");
                    }
                }
                out.println("mode " + mode.name().toLowerCase(Locale.ROOT));
            }
            case ".help" -> out.println("""
                    SQL statements end with ';' and may span lines. Tables are the lake's delivery streams; each has a datehour
                    column (YYYY/MM/DD/HH, the UTC hour folder) that skips other hours' objects: WHERE datehour >= '2026/12/03/10'.
                      .tables              the tables, their objects and hours
                      .mode table|csv|json how results are printed
                      .quit                leave (or Ctrl+D)""");
            default -> err.println("Error: unknown command " + words[0] + " (.help lists them)");
        }
        return true;
    }

    private void tables() {
        try {
            var tables = session.refresh();
            if (tables.isEmpty()) {
                out.println("The lake has no delivered objects yet: deliver the stream with ./wildrydes archive.");
            }
            for (LakeTable table : tables) {
                out.println("  " + QueryReport.describe(table));
            }
        } catch (SqlException | java.io.UncheckedIOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    private void remember(String statement) {
        if (history == null || statement.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(history.getParent());
            Files.writeString(history, statement.replace('\n', ' ') + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a history is a convenience
        }
    }
}
