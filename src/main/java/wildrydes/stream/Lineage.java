package wildrydes.stream;

import java.util.ArrayList;
import java.util.List;

/** Parent and child shards. */
final class Lineage {
    private Lineage() {
    }

    /** Shards made from this one by a split or a merge. */
    static List<Shard> children(Stream stream, Shard parent) {
        List<Shard> children = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            if (parent.id().equals(shard.parentShardId()) || parent.id().equals(shard.adjacentParentShardId())) {
                children.add(shard);
            }
        }
        return children;
    }
}
