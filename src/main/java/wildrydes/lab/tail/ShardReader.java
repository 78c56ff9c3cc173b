package wildrydes.lab.tail;

/** Reads one shard until it ends (then calls {@link ShardDelivery#end}) or the tail stops. */
interface ShardReader {
    void run();

    /** Makes the reader of one shard: GetRecords polling or SubscribeToShard ({@link EnhancedFanOut}). */
    @FunctionalInterface
    interface Factory {
        ShardReader reader(ShardDelivery delivery);
    }
}
