package wildrydes.lab;

import java.util.concurrent.atomic.AtomicBoolean;

/** Makes the reader of one shard: GetRecords polling ({@link ShardReader}) or enhanced fan-out ({@link FanOutShardReader}). */
@FunctionalInterface
interface ShardReaders {
    /** A task that reads the shard from {@code start} until the shard ends or {@code stop} is set. */
    Runnable reader(Consumer consumer, String shardId, StartPosition start, AtomicBoolean stop);
}
