package wildrydes.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import wildrydes.lab.archive.LakeLayout;
import wildrydes.lab.query.LakeSession;
import wildrydes.lab.query.OutputMode;
import wildrydes.lab.query.QueryReport;
import wildrydes.lab.query.QueryShell;
import wildrydes.lab.query.SqlScript;
import wildrydes.lab.sql.SqlException;
import wildrydes.lab.sql.SqlThreads;

@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"SQL over the data lake: each delivery stream archived there is a table of its name (wildrydes has the "
            + "lab's columns), over its plain, gzip and Parquet objects.",
            "Filter on datehour (YYYY/MM/DD/HH, UTC) to read only those hours' objects. With no SQL and no -f: an interactive prompt.",
            "Examples:", "  ./wildrydes query \"SELECT * FROM wildrydes\"",
            "  ./wildrydes query \"SELECT Name, SUM(Distance) AS Distance FROM wildrydes GROUP BY Name\" -output csv"})
final class QueryCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SQL", description = "The statement(s) to run, separated by ';'.")
    String sql;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements of this file ('-' for stdin).")
    Path file;

    @Option(names = {"-lake", "--lake"}, paramLabel = "DIR",
            description = "The lake folder (default: ~/.wildrydes/lake, where ./wildrydes archive delivers by default).")
    Path lake;

    @Option(names = {"-output", "--output"}, defaultValue = "table", paramLabel = "table|csv|json",
            description = "table (aligned columns), csv, or json (one object per line) (default: ${DEFAULT-VALUE}).")
    OutputMode output;

    @Option(names = {"-threads", "--threads"}, defaultValue = "0", description = "Threads the SQL engine may use (default: one per core).")
    int threads;

    @Override
    public Integer call() throws Exception {
        // The engine recurses on the calling thread's native stack: give it a large one (see SqlThreads).
        return SqlThreads.call("query", this::run);
    }

    private int run() {
        if (sql != null && file != null) {
            System.err.println("query: give the SQL or -f FILE, not both");
            return 2;
        }
        Path folder = lake == null ? LakeLayout.defaultLake() : lake;
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        try (LakeSession session = LakeSession.open(folder, threads)) {
            if (sql == null && file == null) {
                if (System.console() != null) {
                    new QueryShell(session, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out,
                            System.err, output, Path.of(System.getProperty("user.home"), ".wildrydes", "query_history")).run();
                    return 0;
                }
                return script(session, new String(System.in.readAllBytes(), StandardCharsets.UTF_8), out);
            }
            String text = sql != null ? sql : file.toString().equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(file);
            return script(session, text, out);
        } catch (IOException e) {
            System.err.println("query: cannot read " + file + ": " + e.getMessage());
            return 1;
        } catch (SqlException e) {
            System.err.println("query: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    /** Runs the statements in order, stopping at the first that fails. */
    private int script(LakeSession session, String text, PrintStream out) {
        List<String> statements = SqlScript.split(text);
        if (statements.isEmpty()) {
            System.err.println("query: no SQL statement given");
            return 2;
        }
        for (String statement : statements) {
            try {
                session.refresh();
                LakeSession.Outcome outcome = session.run(statement, output, out);
                out.flush();
                System.err.println(QueryReport.describe(outcome));
            } catch (SqlException | UncheckedIOException e) {
                out.flush();
                System.err.println("query: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
