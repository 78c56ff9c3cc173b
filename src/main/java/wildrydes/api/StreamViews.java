package wildrydes.api;

import java.util.List;
import wildrydes.protocol.ResponseWriter;
import wildrydes.stream.ChildShard;
import wildrydes.stream.HashKeyRange;
import wildrydes.stream.SequenceNumbers;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.Shard;
import wildrydes.stream.ShardRecords;
import wildrydes.stream.Stream;
import wildrydes.stream.StreamMode;
import wildrydes.stream.StreamRecord;
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
        hashKeyRange(w, shard.hashKeyRange());
        w.startObject("SequenceNumberRange");
        w.string("StartingSequenceNumber", stream.sequenceNumber(shard, 0));
        if (!shard.isOpen()) {
            w.string("EndingSequenceNumber", stream.sequenceNumber(shard, Math.max(0, shard.closedEnd() - 1)));
        }
        w.endObject();
        w.endObject();
    }

    static void hashKeyRange(ResponseWriter w, HashKeyRange range) {
        w.startObject("HashKeyRange");
        w.string("StartingHashKey", range.start().toString());
        w.string("EndingHashKey", range.end().toString());
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
        if (stream.mode() == StreamMode.ON_DEMAND) {
            w.startObject("WarmThroughput").number("TargetMiBps", settings.warmThroughputMiBps())
                    .number("CurrentMiBps", settings.warmThroughputMiBps()).endObject();
        }
    }

    /** The Records array of GetRecords and of SubscribeToShard events. */
    static void records(ResponseWriter w, ShardRecords records) {
        String encryption = records.encryptionType();
        String shown = encryption.equals("NONE") ? null : encryption;
        w.startArray("Records");
        byte[] sequenceNumber = new byte[SequenceNumbers.LENGTH]; // the stream and shard digits are the same for every record
        SequenceNumbers.writeDigits(sequenceNumber, records.streamCreatedMillis(), records.shardIndex(), 0);
        for (StreamRecord record : records.records()) {
            SequenceNumbers.writePosition(sequenceNumber, record.position());
            w.startObject()
                    .asciiString("SequenceNumber", sequenceNumber, 0, sequenceNumber.length)
                    .timestamp("ApproximateArrivalTimestamp", record.arrivalMillis())
                    .blob("Data", record.data())
                    .string("PartitionKey", record.partitionKey())
                    .string("EncryptionType", shown)
                    .endObject();
        }
        w.endArray();
    }

    /** About how many bytes {@link #records} writes in JSON (base64 data, the other fields): more than CBOR takes. */
    static int recordsSizeHint(ShardRecords records) {
        long bytes = 512;
        for (StreamRecord record : records.records()) {
            bytes += (record.data().length + 2) / 3 * 4 + record.partitionKey().length() * 3L + 180;
        }
        return (int) Math.min(bytes, 64L * 1024 * 1024);
    }

    /** The ChildShards array at the end of a closed shard. */
    static void childShards(ResponseWriter w, List<ChildShard> children) {
        w.startArray("ChildShards");
        for (ChildShard child : children) {
            w.startObject().string("ShardId", child.shardId()).startArray("ParentShards");
            w.stringValue(child.parentShardId());
            if (child.adjacentParentShardId() != null) {
                w.stringValue(child.adjacentParentShardId());
            }
            w.endArray();
            hashKeyRange(w, child.hashKeyRange());
            w.endObject();
        }
        w.endArray();
    }
}
