package wildrydes.lab.tail;

import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Where one shard's reader starts.
 *
 * @param position          the iterator type and its argument
 * @param delivered         what was delivered before (records up to it are skipped); null for none
 * @param latestIfNotInShard for a sequence number the user gave for the whole stream: on the shards it
 *                           does not belong to, start at LATEST
 */
record ReadStart(StartPosition position, ShardPosition delivered, boolean latestIfNotInShard) {
    static ReadStart from(StartPosition position) {
        return new ReadStart(position, null, position.type() == ShardIteratorType.AT_SEQUENCE_NUMBER);
    }

    static ReadStart resume(ShardPosition delivered) {
        return new ReadStart(delivered.resumeAt(), delivered, false);
    }
}
