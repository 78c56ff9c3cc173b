package wildrydes.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stream's metadata as stored by the storage engine: a small JSON document, rewritten
 * atomically on every control-plane change (never on the data path).
 */
record StreamMetadata(int version, String name, long createdMillis, StreamStatus status, StreamMode mode,
                      int retentionHours, Map<String, String> tags, List<ShardMetadata> shards, int nextShardIndex,
                      StreamSettings settings) {

    static final int CURRENT_VERSION = 1;

    record ShardMetadata(int index, String startingHashKey, String endingHashKey, String parentShardId,
                         String adjacentParentShardId, long createdMillis, long closedEnd, long closedMillis) {
    }

    static StreamMetadata of(Stream stream) {
        List<ShardMetadata> shards = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            shards.add(new ShardMetadata(shard.index(), shard.hashKeyRange().start().toString(),
                    shard.hashKeyRange().end().toString(), shard.parentShardId(), shard.adjacentParentShardId(),
                    shard.createdMillis(), shard.closedEnd(), shard.closedMillis()));
        }
        return new StreamMetadata(CURRENT_VERSION, stream.name(), stream.createdMillis(), stream.status(), stream.mode(),
                stream.retentionHours(), stream.tags(), shards, stream.nextShardIndex(), stream.settings());
    }

    static HashKeyRange range(ShardMetadata shard) {
        return new HashKeyRange(HashKey.of(new BigInteger(shard.startingHashKey())), HashKey.of(new BigInteger(shard.endingHashKey())));
    }

    byte[] toBytes() {
        try {
            return StoredJson.mapper().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StreamMetadata fromBytes(byte[] bytes) {
        try {
            return StoredJson.mapper().readValue(bytes, StreamMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable stream metadata", e);
        }
    }
}
