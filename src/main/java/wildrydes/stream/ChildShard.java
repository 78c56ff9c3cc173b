package wildrydes.stream;

/** A shard made from another by a split or a merge, as the end of its parent names it. */
public record ChildShard(String shardId, String parentShardId, String adjacentParentShardId, HashKeyRange hashKeyRange) {

    static ChildShard of(Shard shard) {
        return new ChildShard(shard.id(), shard.parentShardId(), shard.adjacentParentShardId(), shard.hashKeyRange());
    }
}
