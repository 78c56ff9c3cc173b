package wildrydes.lab.aggregate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The aggregation's progress on stderr: refreshed in place once a second when stderr is a
 * terminal, a plain line every {@link #PLAIN_EVERY_MILLIS} ms otherwise (a log, a pipe).
 */
final class StatusLine {
    static final long PLAIN_EVERY_MILLIS = 10_000;

    private final PrintStream err;
    private final boolean terminal;
    private final long everyMillis;
    private long next;
    private boolean drawn;

    StatusLine(PrintStream err, boolean terminal, long plainEveryMillis) {
        this.err = err;
        this.terminal = terminal;
        this.everyMillis = terminal ? 1_000 : plainEveryMillis;
        this.next = System.currentTimeMillis() + everyMillis;
    }

    /** Whether this process's stderr is a terminal (Linux: /proc/self/fd/2 links to a tty). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")) && !"dumb".equals(System.getenv("TERM"));
        } catch (Exception e) {
            return false;
        }
    }

    /** Shows the status when it is due. */
    void tick(long now, AggregationCore.Counters c, int openWindows, long openRows, long lagMillis, long watermark) {
        if (now < next) {
            return;
        }
        next = now + everyMillis;
        String text = describe(c, openWindows, openRows, lagMillis, watermark);
        if (terminal) {
            err.print("\r" + text + "\u001b[K");
            drawn = true;
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** A line printed in between (a notice) must not land on the status line. */
    void println(String line) {
        if (terminal && drawn) {
            err.print("\r\u001b[K");
            drawn = false;
        }
        err.println(line);
        err.flush();
    }

    /** Ends the status line before the summary. */
    void finish() {
        if (terminal && drawn) {
            err.println();
            drawn = false;
        }
    }

    /** @param watermark wall-clock milliseconds, {@link Watermarks#NONE} when there is none yet */
    static String describe(AggregationCore.Counters c, int openWindows, long openRows, long lagMillis, long watermark) {
        StringBuilder text = new StringBuilder("aggregate: ").append(count(c.recordsIn)).append(" records in");
        if (c.replayed > 0) {
            text.append(" (+").append(count(c.replayed)).append(" read again)");
        }
        text.append(", windows: ").append(openWindows).append(" open (").append(rows(openRows)).append("), ")
                .append(count(c.windowsOut)).append(" out (").append(rows(c.rowsOut)).append(")");
        if (c.late > 0) {
            text.append(", ").append(count(c.late)).append(" late");
        }
        if (c.skipped > 0) {
            text.append(", ").append(count(c.skipped)).append(" skipped");
        }
        text.append(", lag ").append(lagMillis < 1000 ? lagMillis + " ms" : String.format(Locale.ROOT, "%.1f s", lagMillis / 1000.0));
        if (watermark != Watermarks.NONE) {
            text.append(", watermark ").append(LabTime.format(watermark).substring(11, 19));
        }
        return text.toString();
    }

    static String rows(long n) {
        return count(n) + (n == 1 ? " row" : " rows");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
