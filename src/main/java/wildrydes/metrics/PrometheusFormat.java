package wildrydes.metrics;

import java.util.List;
import java.util.Locale;
import wildrydes.storage.StorageStats;
import wildrydes.stream.StreamStatus;

/**
 * Renders the metrics in the Prometheus text exposition format (version 0.0.4): every family
 * once, its {@code # HELP} and {@code # TYPE} lines first, then one sample per stream. Counters
 * are totals since the server started; a deleted stream's samples disappear.
 */
public final class PrometheusFormat {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusFormat() {
    }

    /** The counter family of a summed metric, e.g. {@code kinesis_put_record_success_total}. */
    public static String counterName(Metric metric) {
        if (metric.isMaximum()) {
            throw new IllegalArgumentException(metric + " is not a counter");
        }
        return "kinesis_" + metric.name().toLowerCase(java.util.Locale.ROOT) + "_total";
    }

    /** @param streams the live streams, in the order their samples should appear */
    public static String render(List<StreamState> streams, MetricsStore store) {
        StringBuilder out = new StringBuilder(4096);
        for (Metric metric : Metric.values()) {
            if (metric.isMaximum()) {
                continue;
            }
            String name = counterName(metric);
            family(out, name, metric.description() + ".", "counter");
            for (StreamState stream : streams) {
                sample(out, name, stream.name(), null, store.total(stream.name(), metric));
            }
        }
        String iteratorAge = "kinesis_get_records_iterator_age_milliseconds";
        family(out, iteratorAge, "MillisBehindLatest of the stream's most recent GetRecords call.", "gauge");
        for (StreamState stream : streams) {
            sample(out, iteratorAge, stream.name(), null, store.lastIteratorAgeMillis(stream.name()));
        }
        family(out, "kinesis_stream_open_shards", "Open shards of the stream.", "gauge");
        for (StreamState stream : streams) {
            sample(out, "kinesis_stream_open_shards", stream.name(), null, stream.openShards());
        }
        family(out, "kinesis_stream_retention_period_hours", "How long the stream keeps records, in hours.", "gauge");
        for (StreamState stream : streams) {
            sample(out, "kinesis_stream_retention_period_hours", stream.name(), null, stream.retentionHours());
        }
        family(out, "kinesis_stream_status", "1 for the stream's current status, 0 for the others.", "gauge");
        for (StreamState stream : streams) {
            for (StreamStatus status : StreamStatus.values()) {
                sample(out, "kinesis_stream_status", stream.name(), status.name(), status == stream.status() ? 1 : 0);
            }
        }
        return out.toString();
    }

    /**
     * The durable store's own figures, without labels: fsyncs (a rate, and per second over the
     * last ten seconds), the journal's group commits and records per fsync, and its bytes.
     */
    public static String renderStorage(StorageStats stats) {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "wildrydes_storage_fsyncs_total", "fsyncs of files and directories: group commits, background flushes, "
                + "metadata.", stats.fsyncs());
        gauge(out, "wildrydes_storage_fsyncs_per_second", "fsyncs per second over the last 10 seconds.", stats.fsyncsPerSecond());
        counter(out, "wildrydes_journal_group_commits_total", "Group commits of the journal: one write and one fdatasync each, "
                + "shared by every shard.", stats.journalCommits());
        gauge(out, "wildrydes_journal_group_commits_per_second", "Group commits per second over the last 10 seconds.",
                stats.commitsPerSecond());
        counter(out, "wildrydes_journal_records_total", "Records acknowledged through the journal.", stats.journalRecords());
        gauge(out, "wildrydes_journal_records_per_fsync", "Records per group commit (per journal fdatasync) over the last "
                + "10 seconds.", stats.recordsPerCommit());
        counter(out, "wildrydes_journal_written_bytes_total", "Bytes written to the journal.", stats.journalBytesWritten());
        gauge(out, "wildrydes_journal_bytes", "Journal bytes since its last checkpoint: what a restart after a crash replays.",
                stats.journalBytes());
        gauge(out, "wildrydes_journal_file_bytes", "Bytes of the journal files on disk, spare files included.",
                stats.journalFileBytes());
        counter(out, "wildrydes_journal_checkpoints_total", "Journal checkpoints (logs fsynced, older journal files released).",
                stats.journalCheckpoints());
        gauge(out, "wildrydes_journal_replayed_entries", "Journal entries replayed when the storage was opened.",
                stats.replayedEntries());
        gauge(out, "wildrydes_journal_replayed_bytes", "Journal bytes read when the storage was opened.", stats.replayedBytes());
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        family(out, name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        family(out, name, help, "gauge");
        out.append(name).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%.3f", value));
        }
        out.append('\n');
    }

    private static void family(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String stream, String status, long value) {
        out.append(name).append("{stream=\"").append(escapeLabel(stream)).append('"');
        if (status != null) {
            out.append(",status=\"").append(escapeLabel(status)).append('"');
        }
        out.append("} ").append(value).append('\n');
    }

    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabel(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
