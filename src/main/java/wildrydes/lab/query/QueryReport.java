package wildrydes.lab.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines query prints on stderr: rows and time after each statement, and the tables of the lake. */
public final class QueryReport {
    private QueryReport() {
    }

    public static String describe(LakeSession.Outcome outcome) {
        double seconds = outcome.nanos() / 1e9;
        if (!outcome.hasResult()) {
            return String.format(Locale.ROOT, "(done in %.3f s)", seconds);
        }
        return String.format(Locale.ROOT, "(%,d row%s in %.3f s)", outcome.rows(), outcome.rows() == 1 ? "" : "s", seconds);
    }

    public static String describe(LakeTable table) {
        List<String> kinds = new ArrayList<>();
        if (table.plain()) {
            kinds.add("json");
        }
        if (table.gzip()) {
            kinds.add("json.gz");
        }
        if (table.parquet()) {
            kinds.add("parquet");
        }
        return String.format(Locale.ROOT, "%s: %,d objects (%s), %,d bytes, hours %s to %s", table.name(), table.objects(),
                String.join(", ", kinds), table.bytes(), table.firstHour(), table.lastHour());
    }
}
