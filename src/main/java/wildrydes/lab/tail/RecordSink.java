package wildrydes.lab.tail;

/**
 * Where a {@link StreamTail} delivers what it reads. Both methods are called on the reader
 * thread of the shard concerned: never at the same time for one shard, but at the same time for
 * different shards. The shard waits while a call runs, so a slow or retrying sink holds back its
 * own shard only (back-pressure), and children wait for their parents' {@link #shardEnded}.
 * Throwing from either stops the whole tail; {@link StreamTail#run} throws it again (checked
 * exceptions wrapped in {@link SinkException}).
 */
public interface RecordSink {
    /**
     * The next records of a shard. Returning means the batch is handled: the tail's checkpoint
     * moves to {@link RecordBatch#end()}. A sink that keeps records to handle later (a window, a
     * buffer) should keep its own checkpoint, from the {@code end} of the batches it has finished.
     */
    void deliver(RecordBatch batch) throws Exception;

    /**
     * The shard was read to its end after a reshard and every batch of it delivered. Its
     * children start once this has returned for each of their parents, so a sink that must order
     * parent before child (as the KCL does) flushes here.
     */
    default void shardEnded(ShardEnd end) throws Exception {
    }
}
