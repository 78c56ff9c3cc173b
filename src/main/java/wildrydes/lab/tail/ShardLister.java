package wildrydes.lab.tail;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Lists every shard of the stream, page by page. A missing stream, a refused request or (before
 * the first listing worked) an endpoint that does not answer is thrown; other failures are
 * reported and retried at the next listing, up to {@link Failures#MAX_IN_A_ROW} in a row.
 */
final class ShardLister {
    private final KinesisClient kinesis;
    private final String stream;
    private final TailListener listener;
    private boolean listedOnce;
    private int failuresInARow;

    ShardLister(KinesisClient kinesis, String stream, TailListener listener) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.listener = listener;
    }

    /** The shards by id, in the order listed; null when listing failed this time. */
    Map<String, Shard> list() {
        Map<String, Shard> shards = new LinkedHashMap<>();
        try {
            ListShardsResponse page = kinesis.listShards(ListShardsRequest.builder().streamName(stream).build());
            page.shards().forEach(s -> shards.put(s.shardId(), s));
            while (page.nextToken() != null) {
                String token = page.nextToken();
                page = kinesis.listShards(r -> r.nextToken(token));
                page.shards().forEach(s -> shards.put(s.shardId(), s));
            }
        } catch (RuntimeException e) {
            if (Failures.classify(e) == Failures.Kind.FATAL || !listedOnce && Failures.unreachable(e)
                    || ++failuresInARow > Failures.MAX_IN_A_ROW) {
                throw e;
            }
            listener.notice("listing shards failed, will retry: " + e.getMessage());
            return null;
        }
        listedOnce = true;
        failuresInARow = 0;
        return shards;
    }
}
