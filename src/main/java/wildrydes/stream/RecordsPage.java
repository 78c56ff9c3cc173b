package wildrydes.stream;

import java.util.List;

/**
 * A GetRecords answer. {@code nextShardIterator} is null exactly when the shard is closed and
 * read to its end, and then {@code childShards} is not empty.
 */
public record RecordsPage(ShardRecords records, String nextShardIterator, long millisBehindLatest, List<ChildShard> childShards) {
}
