package wildrydes.lab.tail;

import java.util.List;

/**
 * The records of one read (a GetRecords page or a SubscribeToShard event) of one shard, in order.
 * Every user record of a Kinesis record is in the same batch.
 *
 * @param millisBehindLatest how far the read was behind the tip of the shard; -1 if the service did not say
 * @param end                the shard's position once this batch is handled (null only for an empty batch
 *                           before anything was read); store it with your output to resume exactly there
 */
public record RecordBatch(String shardId, List<TailRecord> records, long millisBehindLatest, ShardPosition end) {
}
