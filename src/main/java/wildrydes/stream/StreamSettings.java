package wildrydes.stream;

import java.util.List;

/**
 * The settings of a stream that the control plane changes beyond shards and retention. Immutable:
 * a change replaces the whole value.
 *
 * @param maxRecordSizeKiB     largest record accepted, 1024 to 10240 (the bounds and the rule are in {@link RecordSizes})
 * @param encryptionType       NONE or KMS
 * @param keyId                the KMS key when encrypted
 * @param shardLevelMetrics    enhanced monitoring metrics enabled
 * @param warmThroughputMiBps  the warm throughput asked for (0 when none)
 * @param resourcePolicy       the resource policy document, or null
 */
public record StreamSettings(int maxRecordSizeKiB, String encryptionType, String keyId, List<String> shardLevelMetrics,
                             int warmThroughputMiBps, String resourcePolicy) {
    public static final int DEFAULT_MAX_RECORD_SIZE_KIB = 1024;

    public static StreamSettings defaults() {
        return new StreamSettings(DEFAULT_MAX_RECORD_SIZE_KIB, "NONE", null, List.of(), 0, null);
    }

    /** Fills what an older metadata file did not have. */
    StreamSettings normalised() {
        return new StreamSettings(maxRecordSizeKiB <= 0 ? DEFAULT_MAX_RECORD_SIZE_KIB : maxRecordSizeKiB,
                encryptionType == null ? "NONE" : encryptionType, keyId,
                shardLevelMetrics == null ? List.of() : List.copyOf(shardLevelMetrics), warmThroughputMiBps, resourcePolicy);
    }

    public long maxRecordBytes() {
        return maxRecordSizeKiB * 1024L;
    }

    public StreamSettings withMaxRecordSizeKiB(int kib) {
        return new StreamSettings(kib, encryptionType, keyId, shardLevelMetrics, warmThroughputMiBps, resourcePolicy);
    }

    public StreamSettings withEncryption(String type, String key) {
        return new StreamSettings(maxRecordSizeKiB, type, key, shardLevelMetrics, warmThroughputMiBps, resourcePolicy);
    }

    public StreamSettings withShardLevelMetrics(List<String> metrics) {
        return new StreamSettings(maxRecordSizeKiB, encryptionType, keyId, List.copyOf(metrics), warmThroughputMiBps, resourcePolicy);
    }

    public StreamSettings withWarmThroughputMiBps(int mibps) {
        return new StreamSettings(maxRecordSizeKiB, encryptionType, keyId, shardLevelMetrics, mibps, resourcePolicy);
    }

    public StreamSettings withResourcePolicy(String policy) {
        return new StreamSettings(maxRecordSizeKiB, encryptionType, keyId, shardLevelMetrics, warmThroughputMiBps, policy);
    }
}
