package bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The delay of the aggregation's summaries (module 3): reads the lines {@code ./consumer -meta
 * -format line} printed from the summary stream and, for each summary, how long after its
 * window closed (window start + window + grace, StatusTime in UTC) it landed on the stream
 * (its ApproximateArrivalTimestamp: from then on a reader gets it).
 *
 * <pre>
 * bench.SummaryDelay --file F --window-ms W --grace-ms G
 *   -> summaries=N windows=K p50_ms=.. p99_ms=.. max_ms=..
 * </pre>
 */
public final class SummaryDelay {
    private static final Pattern ARRIVAL = Pattern.compile("\"ApproximateArrivalTimestamp\":\"([^\"]+)\"");
    private static final Pattern STATUS_TIME = Pattern.compile("\"StatusTime\":\"([^\"]+)\"");
    private static final DateTimeFormatter LAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private SummaryDelay() {
    }

    public static void main(String[] args) throws Exception {
        String file = null;
        long window = 0;
        long grace = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--file" -> file = args[i + 1];
                case "--window-ms" -> window = Long.parseLong(args[i + 1]);
                case "--grace-ms" -> grace = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Long> delays = new ArrayList<>();
        java.util.Set<String> windows = new java.util.HashSet<>();
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
            Matcher arrival = ARRIVAL.matcher(line);
            Matcher status = STATUS_TIME.matcher(line);
            if (!arrival.find() || !status.find()) {
                continue;
            }
            long landed = Instant.parse(arrival.group(1)).toEpochMilli();
            long start = LocalDateTime.parse(status.group(1), LAB).toInstant(ZoneOffset.UTC).toEpochMilli();
            delays.add(landed - (start + window + grace));
            windows.add(status.group(1));
        }
        Collections.sort(delays);
        if (delays.isEmpty()) {
            System.out.println("summaries=0 windows=0");
            return;
        }
        System.out.println(String.format(Locale.ROOT, "summaries=%d windows=%d p50_ms=%d p99_ms=%d max_ms=%d", delays.size(),
                windows.size(), percentile(delays, 50), percentile(delays, 99), delays.getLast()));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
