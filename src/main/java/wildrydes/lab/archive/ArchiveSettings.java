package wildrydes.lab.archive;

import java.nio.file.Path;
import java.time.Duration;
import wildrydes.lab.tail.StartPosition;

/**
 * How an archive delivers, with Firehose's limits: buffer interval 0 to 900 s (the lab uses 60),
 * buffer size 1 to 128 MiB (default 5), whichever comes first.
 *
 * @param name        the delivery stream: the lake folder and the objects' name prefix
 * @param schema      Parquet columns ("Name VARCHAR, StatusTime TIMESTAMP, ..."); null to infer them
 * @param from        where the first run starts (trim-horizon, latest or a time); later runs resume
 * @param idleTimeout stop, after delivering, when no record has come for this long; null for never
 */
public record ArchiveSettings(String stream, String name, Path lake, Duration bufferInterval, long bufferSizeBytes,
                              ObjectFormat format, Compression compression, String schema, StartPosition from,
                              Duration idleTimeout) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(900);
    public static final long MIB = 1024 * 1024;
    public static final long DEFAULT_SIZE = 5 * MIB;
    public static final long MAX_SIZE = 128 * MIB;

    public ArchiveSettings {
        if (!stream.matches("[a-zA-Z0-9_.-]{1,128}")) {
            throw new IllegalArgumentException("'" + stream + "' is not a stream name (letters, digits, '_', '.', '-')");
        }
        if (!ObjectNames.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a delivery stream name: 1 to 64 letters, digits, '_', '.' or '-', "
                    + "not starting with '.'");
        }
        if (bufferInterval.isNegative() || bufferInterval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("-buffer-interval must be 0 to 900 seconds, not " + bufferInterval.toSeconds());
        }
        if (bufferSizeBytes < MIB || bufferSizeBytes > MAX_SIZE) {
            throw new IllegalArgumentException("-buffer-size must be 1 to 128 MiB");
        }
        if (format == ObjectFormat.JSON && compression == Compression.SNAPPY) {
            throw new IllegalArgumentException("-compression snappy is for -format parquet; json objects take none or gzip");
        }
        if (format == ObjectFormat.JSON && schema != null) {
            throw new IllegalArgumentException("-schema is for -format parquet: json objects keep the records' bytes as they are");
        }
        if (from.type() != software.amazon.awssdk.services.kinesis.model.ShardIteratorType.TRIM_HORIZON
                && from.type() != software.amazon.awssdk.services.kinesis.model.ShardIteratorType.LATEST
                && from.type() != software.amazon.awssdk.services.kinesis.model.ShardIteratorType.AT_TIMESTAMP) {
            throw new IllegalArgumentException("-from takes trim-horizon, latest or a time (an archive starts every shard there)");
        }
        if (schema != null) {
            ParquetSchema.structure(schema); // says what is wrong now rather than at the first delivery
        }
    }

    /** The lab's settings: stream wildrydes into ~/.wildrydes/lake, 60 s or 5 MiB, JSON, no compression, from the start. */
    public static ArchiveSettings lab(String stream) {
        return new ArchiveSettings(stream, stream, LakeLayout.defaultLake(), DEFAULT_INTERVAL, DEFAULT_SIZE, ObjectFormat.JSON,
                Compression.NONE, null, StartPosition.TRIM_HORIZON, null);
    }

    ObjectStager stager() {
        return format == ObjectFormat.JSON ? new JsonStager(lake, name, compression)
                : new ParquetStager(lake, name, compression, schema);
    }
}
