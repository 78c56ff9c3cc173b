package wildrydes.stream;

import java.util.List;
import wildrydes.storage.StoredRecord;

/**
 * One SubscribeToShardEvent: records read in order, where to continue, how far behind the tip
 * the reader is. At the end of a closed shard {@code continuationSequenceNumber} is null and
 * {@code childShards} lists the shards that follow it.
 */
public record ShardEvent(Stream stream, Shard shard, List<StoredRecord> records, String continuationSequenceNumber,
                         long millisBehindLatest, List<Shard> childShards) {

    public boolean endOfShard() {
        return continuationSequenceNumber == null;
    }
}
