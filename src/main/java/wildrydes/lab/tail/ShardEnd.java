package wildrydes.lab.tail;

import java.util.List;

/**
 * A shard closed by a reshard has been read to its end and all its records delivered.
 *
 * @param childShardIds the shards its key range went to (as GetRecords or the last SubscribeToShard event named them)
 */
public record ShardEnd(String shardId, List<String> childShardIds) {
}
