package wildrydes.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import wildrydes.lab.process.FunctionStatus;

/**
 * The functions that {@code wildrydes process} runs, as the server sees them: each run rewrites a
 * status file every second in its state directory beside the server's data directory (see
 * {@link FunctionStatus}), read here for {@code GET /console/api/functions} (the console's
 * Functions page: per-minute invocations, errors, duration and iterator age, as Lambda's Monitor
 * tab shows them) and for {@code /metrics}.
 */
final class FunctionsView {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int MINUTES = 60;

    private final Path root; // null: no data directory, so no functions

    FunctionsView(Path dataDir) {
        this.root = dataDir == null ? null : FunctionStatus.root(dataDir);
    }

    /** {@code {"serverTimeMillis", "functions":[{..., "running", "firstMinuteMillis", "series":{...}}]}}, the last hour per minute. */
    byte[] json(long nowMillis) {
        ObjectNode out = MAPPER.createObjectNode().put("serverTimeMillis", nowMillis);
        ArrayNode functions = out.putArray("functions");
        long currentMinute = nowMillis - Math.floorMod(nowMillis, 60_000L);
        long first = currentMinute - (MINUTES - 1) * 60_000L;
        for (FunctionStatus status : FunctionStatus.readAll(root)) {
            JsonNode s = status.json();
            ObjectNode f = functions.addObject();
            for (String field : List.of("function", "stream", "table", "runtime", "startedMillis", "updatedMillis", "iteratorAgeMillis")) {
                f.set(field, s.get(field));
            }
            f.put("running", status.alive(nowMillis));
            f.set("totals", s.get("totals"));
            f.put("firstMinuteMillis", first).put("minuteMillis", 60_000L).put("minutes", MINUTES);
            long[][] series = new long[6][MINUTES];
            for (JsonNode minute : s.path("minutes")) {
                int index = (int) ((minute.path("minute").asLong() - first) / 60_000L);
                if (index < 0 || index >= MINUTES) {
                    continue;
                }
                long invocations = minute.path("invocations").asLong();
                series[0][index] = invocations;
                series[1][index] = minute.path("errors").asLong();
                series[2][index] = invocations == 0 ? 0 : Math.round(minute.path("durationSumMillis").asDouble() / invocations);
                series[3][index] = minute.path("durationMaxMillis").asLong();
                series[4][index] = minute.path("iteratorAgeMaxMillis").asLong();
                series[5][index] = minute.path("records").asLong();
            }
            ObjectNode named = f.putObject("series");
            String[] names = {"invocations", "errors", "durationAvgMillis", "durationMaxMillis", "iteratorAgeMaxMillis", "records"};
            for (int i = 0; i < names.length; i++) {
                ArrayNode values = named.putArray(names[i]);
                for (long v : series[i]) {
                    values.add(v);
                }
            }
        }
        try {
            return MAPPER.writeValueAsBytes(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prometheus series per function: {@code lambda_invocations_total}, {@code lambda_errors_total},
     * {@code lambda_records_total} since the run started, {@code lambda_duration_milliseconds_max}
     * and {@code lambda_iterator_age_milliseconds} of the current minute, {@code lambda_function_running}.
     */
    String prometheus(long nowMillis) {
        List<FunctionStatus> all = FunctionStatus.readAll(root);
        if (all.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        family(out, "lambda_invocations_total", "Invocations of the function since its process tool started.", "counter");
        all.forEach(f -> sample(out, "lambda_invocations_total", f, f.json().path("totals").path("invocations").asLong()));
        family(out, "lambda_errors_total", "Invocations that ended in an error.", "counter");
        all.forEach(f -> sample(out, "lambda_errors_total", f, f.json().path("totals").path("errors").asLong()));
        family(out, "lambda_records_total", "Stream records handed to the function.", "counter");
        all.forEach(f -> sample(out, "lambda_records_total", f, f.json().path("totals").path("records").asLong()));
        long currentMinute = nowMillis - Math.floorMod(nowMillis, 60_000L);
        family(out, "lambda_duration_milliseconds_max", "Longest invocation of the current minute.", "gauge");
        all.forEach(f -> sample(out, "lambda_duration_milliseconds_max", f, lastMinute(f, currentMinute, "durationMaxMillis")));
        family(out, "lambda_iterator_age_milliseconds", "Age of the last record of the newest batch (IteratorAge), current minute's maximum.",
                "gauge");
        all.forEach(f -> sample(out, "lambda_iterator_age_milliseconds", f, lastMinute(f, currentMinute, "iteratorAgeMaxMillis")));
        family(out, "lambda_function_running", "1 while the process tool runs the function.", "gauge");
        all.forEach(f -> sample(out, "lambda_function_running", f, f.alive(nowMillis) ? 1 : 0));
        return out.toString();
    }

    private static long lastMinute(FunctionStatus status, long currentMinute, String field) {
        for (JsonNode minute : status.json().path("minutes")) {
            if (minute.path("minute").asLong() == currentMinute) {
                return minute.path(field).asLong();
            }
        }
        return 0;
    }

    private static void family(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, FunctionStatus status, long value) {
        out.append(name).append("{function=\"").append(escape(status.function())).append("\",stream=\"")
                .append(escape(status.json().path("stream").asText())).append("\"} ").append(String.format(Locale.ROOT, "%d", value))
                .append('\n');
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
