package wildrydes.stream;

import java.util.ArrayList;
import java.util.List;
import wildrydes.storage.StoredRecord;

/**
 * Records read from one shard, in order, with what they all share: the stream incarnation and
 * shard their sequence numbers name ({@link SequenceNumbers}) and the stream's encryption type.
 */
public record ShardRecords(long streamCreatedMillis, int shardIndex, String encryptionType, List<StreamRecord> records) {

    /** Records of {@code shard} as the storage engine returned them. */
    public static ShardRecords of(Stream stream, Shard shard, List<StoredRecord> stored) {
        List<StreamRecord> records = new ArrayList<>(stored.size());
        for (StoredRecord record : stored) {
            records.add(new StreamRecord(record.sequence(), record.arrivalMillis(), record.partitionKey(), record.data()));
        }
        return new ShardRecords(stream.createdMillis(), shard.index(), stream.settings().encryptionType(), records);
    }
}
