package wildrydes.api;

import wildrydes.protocol.ResponseWriter;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.Shard;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamSettings;

/** How streams and shards are written in responses. */
final class StreamViews {
    private StreamViews() {
    }

    static void shard(ResponseWriter w, Stream stream, Shard shard) {
        w.startObject();
        w.string("ShardId", shard.id());
        w.string("ParentShardId", shard.parentShardId());
        w.string("AdjacentParentShardId", shard.adjacentParentShardId());
        hashKeyRange(w, shard);
        w.startObject("SequenceNumberRange");
        w.string("StartingSequenceNumber", stream.sequenceNumber(shard, 0));
        if (!shard.isOpen()) {
            w.string("EndingSequenceNumber", stream.sequenceNumber(shard, Math.max(0, shard.closedEnd() - 1)));
        }
        w.endObject();
        w.endObject();
    }

    static void hashKeyRange(ResponseWriter w, Shard shard) {
        w.startObject("HashKeyRange");
        w.string("StartingHashKey", shard.hashKeyRange().start().toString());
        w.string("EndingHashKey", shard.hashKeyRange().end().toString());
        w.endObject();
    }

    /** The members every description of a stream starts with. */
    static void streamHeader(ResponseWriter w, Stream stream, ServiceSettings settings) {
        w.string("StreamName", stream.name());
        w.string("StreamARN", settings.streamArn(stream.name()));
        w.string("StreamStatus", stream.status().name());
        w.startObject("StreamModeDetails").string("StreamMode", stream.mode().name()).endObject();
    }

    static void enhancedMonitoring(ResponseWriter w, Stream stream) {
        w.startArray("EnhancedMonitoring").startObject().startArray("ShardLevelMetrics");
        stream.settings().shardLevelMetrics().forEach(w::stringValue);
        w.endArray().endObject().endArray();
    }

    /** Encryption, record size and warm throughput, as DescribeStream and DescribeStreamSummary show them. */
    static void settings(ResponseWriter w, Stream stream) {
        StreamSettings settings = stream.settings();
        w.string("EncryptionType", settings.encryptionType());
        w.string("KeyId", settings.keyId());
        w.number("MaxRecordSizeInKiB", settings.maxRecordSizeKiB());
        if (stream.mode() == wildrydes.stream.StreamMode.ON_DEMAND) {
            w.startObject("WarmThroughput").number("TargetMiBps", settings.warmThroughputMiBps())
                    .number("CurrentMiBps", settings.warmThroughputMiBps()).endObject();
        }
    }
}
