package wildrydes.fanout;

import java.util.List;
import wildrydes.stream.ChildShard;
import wildrydes.stream.ShardRecords;

/**
 * One SubscribeToShardEvent: records read in order, where to continue, how far behind the tip
 * the reader is. At the end of a closed shard {@code continuationSequenceNumber} is null and
 * {@code childShards} lists the shards that follow it.
 */
public record ShardEvent(ShardRecords records, String continuationSequenceNumber, long millisBehindLatest,
                         List<ChildShard> childShards) {

    public boolean endOfShard() {
        return continuationSequenceNumber == null;
    }
}
