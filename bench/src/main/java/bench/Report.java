package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the raw results bench/run collected (a tab-separated file) into the one markdown table.
 *
 * <p>Raw lines, tab-separated:
 * <pre>
 * title  TEXT
 * fact   NAME  VALUE                         machine facts and settings, shown above the table
 * row    ID  SECTION  LABEL  UNIT  higher|lower
 * val    ID  SERVER  VALUE  [NOTE]           VALUE a number, or a word (n/a, failed, ...)
 * note   TEXT                                shown under the table
 * </pre>
 * Rows appear in the order first declared; a later val for the same row and server replaces the
 * earlier one. Ratios are ours (durable) ÷ the other column, whatever the direction: the
 * "better" column says whether a ratio above 1 is good (higher) or bad (lower).
 */
final class Report {
    static final String[] SERVERS = {"ours", "ours-mem", "kinesalite", "kinesalite-disk", "kinesis-mock", "dynalite", "ceiling"};
    static final String[] HEADERS = {"ours (durable)", "ours --in-memory", "kinesalite (memory)", "kinesalite (disk)",
        "kinesis-mock", "dynalite (memory)", "ceiling"};
    static final String[] RATIO_OF = {"ours-mem", "kinesalite", "kinesalite-disk", "kinesis-mock", "dynalite", "ceiling"};
    static final String[] RATIO_HEADERS = {"ours ÷ ours in-memory", "ours ÷ kinesalite mem", "ours ÷ kinesalite disk",
        "ours ÷ kinesis-mock", "ours ÷ dynalite", "ours ÷ ceiling"};

    /**
     * A target of issue 12, read off the rows: {@code value} gives the figure (null when the run
     * did not measure what it needs), {@code atMost} whether the figure must stay at or below the goal.
     */
    record Target(String label, String goalText, double goal, boolean atMost, String unit,
                  java.util.function.Function<Map<String, Map<String, Val>>, Double> value) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("durable ÷ in-memory, PutRecord, 32 connections, 1 shard", "≥ 0.8", 0.8, false, "×",
                    v -> ratioOf(v, "pr.s1.c32.rps", "ours", "ours-mem")),
            new Target("durable ÷ in-memory, PutRecord, 32 connections, 16 shards", "≥ 0.8", 0.8, false, "×",
                    v -> ratioOf(v, "pr.s16.c32.rps", "ours", "ours-mem")),
            new Target("durable ÷ in-memory, PutRecords 500 × 100 B, 256 shards", "≥ 0.7", 0.7, false, "×",
                    v -> ratioOf(v, "prs.s256.100.rec", "ours", "ours-mem")),
            new Target("durable PutRecord (32 connections, 1 shard) ÷ kinesalite in memory", "≥ 10", 10, false, "×",
                    v -> ratioOf(v, "pr.s1.c32.rps", "ours", "kinesalite")),
            new Target("one connection: PutRecord p50 − the disk's fsync p50 (1 shard)", "≤ 0.15 ms", 0.15, true, "ms",
                    v -> difference(v, "pr.s1.c1.p50", "ours", "disk.fsync.p50", "ceiling")),
            new Target("start → first successful ListStreams", "≤ 500 ms", 500, true, "ms",
                    v -> num(v.getOrDefault("start.ready", Map.of()).get("ours"))),
            new Target("restart after a power cut (SIGKILL under writes, page cache dropped), 10 GiB stored", "≤ 2,000 ms",
                    2000, true, "ms", v -> num(v.getOrDefault("restart.cut.10", Map.of()).get("ours"))));

    static Double ratioOf(Map<String, Map<String, Val>> vals, String row, String a, String b) {
        Map<String, Val> v = vals.getOrDefault(row, Map.of());
        Double x = num(v.get(a));
        Double y = num(v.get(b));
        return x == null || y == null || y == 0 ? null : x / y;
    }

    static Double difference(Map<String, Map<String, Val>> vals, String rowA, String a, String rowB, String b) {
        Double x = num(vals.getOrDefault(rowA, Map.of()).get(a));
        Double y = num(vals.getOrDefault(rowB, Map.of()).get(b));
        return x == null || y == null ? null : x - y;
    }

    /** The targets of issue 12 as measured in this run, above the main table. */
    static void targets(StringBuilder md, Map<String, Map<String, Val>> vals) {
        md.append("## Targets (issue 12)\n\n| target | goal | measured | |\n|---|---|---:|---|\n");
        for (Target t : TARGETS) {
            Double value = t.value().apply(vals);
            md.append("| ").append(t.label()).append(" | ").append(t.goalText()).append(" | ");
            if (value == null) {
                md.append("not measured in this run | |\n");
                continue;
            }
            boolean met = t.atMost() ? value <= t.goal() : value >= t.goal();
            md.append(t.unit().equals("×") ? ratio(value) : fmt(String.valueOf(value)) + " " + t.unit())
                    .append(" | ").append(met ? "met" : "missed").append(" |\n");
        }
        md.append('\n');
    }

    private Report() {
    }

    record Row(String id, String section, String label, String unit, String better) {
    }

    record Val(String value, String note) {
    }

    static int write(Path raw, Path out) throws IOException {
        String title = "Benchmark";
        List<String[]> facts = new ArrayList<>();
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, Map<String, Val>> vals = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String line : Files.readAllLines(raw, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "title" -> title = f[1];
                case "fact" -> facts.add(new String[] {f[1], f[2]});
                case "row" -> rows.putIfAbsent(f[1], new Row(f[1], f[2], f[3], f[4], f[5]));
                case "val" -> vals.computeIfAbsent(f[1], x -> new LinkedHashMap<>())
                        .put(f[2], new Val(f[3], f.length > 4 ? f[4] : ""));
                case "note" -> notes.add(f[1]);
                default -> {
                    // ignore unknown lines
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        for (String[] fact : facts) {
            md.append("- **").append(fact[0]).append("**: ").append(fact[1]).append('\n');
        }
        md.append('\n');
        targets(md, vals);
        md.append("| measure | unit | better |");
        for (String h : HEADERS) {
            md.append(' ').append(h).append(" |");
        }
        for (String h : RATIO_HEADERS) {
            md.append(' ').append(h).append(" |");
        }
        md.append(" notes |\n|---|---|---|");
        md.append("---:|".repeat(HEADERS.length + RATIO_HEADERS.length));
        md.append("---|\n");
        // rows in the order of their section's number ("5. Start and memory"), declaration order within one
        List<Row> ordered = new ArrayList<>(rows.values());
        ordered.sort(java.util.Comparator.comparingInt(r -> sectionNumber(r.section())));
        String section = null;
        for (Row row : ordered) {
            Map<String, Val> v = vals.getOrDefault(row.id(), Map.of());
            if (v.isEmpty()) {
                continue;
            }
            if (!row.section().equals(section)) {
                section = row.section();
                md.append("| **").append(section).append("** |").append(" |".repeat(2 + HEADERS.length + RATIO_HEADERS.length + 1))
                        .append('\n');
            }
            md.append("| ").append(row.label()).append(" | ").append(row.unit()).append(" | ")
                    .append(row.better().equals("lower") ? "lower ↓" : "higher ↑").append(" |");
            for (String s : SERVERS) {
                Val x = v.get(s);
                md.append(' ').append(x == null ? "" : fmt(x.value())).append(x != null && !x.note().isEmpty() ? " ¹" : "").append(" |");
            }
            Double ours = num(v.get("ours"));
            for (String s : RATIO_OF) {
                Double other = num(v.get(s));
                md.append(' ');
                if (ours != null && other != null && other != 0) {
                    md.append(ratio(ours / other));
                }
                md.append(" |");
            }
            List<String> rowNotes = new ArrayList<>();
            for (String s : SERVERS) {
                Val x = v.get(s);
                if (x != null && !x.note().isEmpty()) {
                    rowNotes.add(s + ": " + x.note());
                }
            }
            md.append(' ').append(String.join("; ", rowNotes).replace("|", "/")).append(" |\n");
        }
        md.append("\n¹ see the row's notes.\n");
        if (!notes.isEmpty()) {
            md.append('\n');
            for (String n : notes) {
                md.append("- ").append(n).append('\n');
            }
        }
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        return 0;
    }

    static int sectionNumber(String section) {
        int n = 0;
        int i = 0;
        while (i < section.length() && Character.isDigit(section.charAt(i))) {
            n = n * 10 + (section.charAt(i++) - '0');
        }
        return i == 0 ? Integer.MAX_VALUE : n;
    }

    static Double num(Val v) {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.value());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String fmt(String value) {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return value;
        }
        if (!Double.isFinite(d)) {
            return value;
        }
        double a = Math.abs(d);
        if (a >= 999.5) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        if (a == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.3f", d);
    }

    static String ratio(double r) {
        if (r >= 100) {
            return String.format(Locale.ROOT, "%.0f×", r);
        }
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.1f×", r);
        }
        return String.format(Locale.ROOT, "%.2f×", r);
    }
}
