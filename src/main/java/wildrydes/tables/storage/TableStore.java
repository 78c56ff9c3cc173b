package wildrydes.tables.storage;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Ordered key-value storage for tables: named keyspaces of byte-string entries, changed in
 * atomic batches. It knows nothing of DynamoDB: keys, values and metadata are opaque bytes.
 *
 * <p>A batch is visible to readers as soon as {@link #apply} returns, and durable when its future
 * completes; {@link #durable()} lets a reader wait until what it has seen cannot be lost.
 */
public interface TableStore extends AutoCloseable {

    Collection<Keyspace> keyspaces();

    /** The keyspace, or null. */
    Keyspace keyspace(String name);

    /**
     * Applies the mutations atomically and in order. Callers that must see a consistent state
     * across a read and the write that depends on it serialise themselves (per table).
     *
     * @return completes once the batch is durable (at once for a store in memory)
     * @throws StoreException when the store is closed or has failed
     */
    CompletableFuture<Void> apply(List<Mutation> batch);

    /** Completes once every batch applied before this call is durable. */
    CompletableFuture<Void> durable();

    @Override
    void close();
}
