package wildrydes.tables;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the DynamoDB API since the server started: calls by operation and table (and by
 * error type), and the capacity units consumed by table, read and write; rendered in the
 * Prometheus text format for {@code /metrics}.
 */
public final class TableMetrics {
    private record CallKey(String operation, String table) {
    }

    private record ErrorKey(String operation, String type) {
    }

    private final ConcurrentHashMap<CallKey, LongAdder> calls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ErrorKey, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DoubleAdder> readUnits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DoubleAdder> writeUnits = new ConcurrentHashMap<>();

    /** One call answered; {@code table} is empty for calls that name none (ListTables, batches across tables). */
    public void call(String operation, String table) {
        calls.computeIfAbsent(new CallKey(operation, table == null ? "" : table), k -> new LongAdder()).increment();
    }

    public void error(String operation, String type) {
        errors.computeIfAbsent(new ErrorKey(operation, type), k -> new LongAdder()).increment();
    }

    public void consumed(Consumed consumed) {
        if (consumed == null) {
            return;
        }
        (consumed.write() ? writeUnits : readUnits).computeIfAbsent(consumed.table(), k -> new DoubleAdder()).add(consumed.total());
    }

    public long calls(String operation, String table) {
        LongAdder n = calls.get(new CallKey(operation, table));
        return n == null ? 0 : n.sum();
    }

    public double units(String table, boolean write) {
        DoubleAdder n = (write ? writeUnits : readUnits).get(table);
        return n == null ? 0 : n.sum();
    }

    /** The counters in Prometheus text format 0.0.4. */
    public String prometheus() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP dynamodb_calls_total DynamoDB API calls answered successfully, by operation and table.\n")
                .append("# TYPE dynamodb_calls_total counter\n");
        new TreeMap<>(Map.copyOf(calls.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().operation() + "\u0000" + e.getKey().table(), e -> e.getValue().sum())))).forEach((k, v) -> {
                    String[] parts = k.split("\u0000", -1);
                    out.append("dynamodb_calls_total{operation=\"").append(parts[0]).append("\",table=\"").append(escape(parts[1]))
                            .append("\"} ").append(v).append('\n');
                });
        out.append("# HELP dynamodb_errors_total DynamoDB API calls answered with an error, by operation and error type.\n")
                .append("# TYPE dynamodb_errors_total counter\n");
        errors.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(ErrorKey::operation)
                .thenComparing(ErrorKey::type))).forEach(e -> out.append("dynamodb_errors_total{operation=\"")
                .append(e.getKey().operation()).append("\",type=\"").append(e.getKey().type()).append("\"} ")
                .append(e.getValue().sum()).append('\n'));
        units(out, "dynamodb_consumed_read_capacity_units_total", "Read capacity units consumed, by table.", readUnits);
        units(out, "dynamodb_consumed_write_capacity_units_total", "Write capacity units consumed, by table.", writeUnits);
        return out.toString();
    }

    private static void units(StringBuilder out, String name, String help, ConcurrentHashMap<String, DoubleAdder> units) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n').append("# TYPE ").append(name).append(" counter\n");
        new TreeMap<>(units).forEach((table, n) -> out.append(name).append("{table=\"").append(escape(table)).append("\"} ")
                .append(String.format(Locale.ROOT, "%.1f", n.sum())).append('\n'));
    }

    /** Forgets a deleted table's counters, so they do not grow without bound. */
    public void forget(String table) {
        calls.keySet().removeIf(k -> k.table().equals(table));
        readUnits.remove(table);
        writeUnits.remove(table);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
