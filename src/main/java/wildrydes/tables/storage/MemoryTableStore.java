package wildrydes.tables.storage;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Tables kept in memory only ({@code --in-memory}): every batch is "durable" at once. */
public final class MemoryTableStore implements TableStore {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final KeyspaceSet state = new KeyspaceSet();
    private volatile boolean closed;

    @Override
    public Collection<Keyspace> keyspaces() {
        return state.all();
    }

    @Override
    public Keyspace keyspace(String name) {
        return state.get(name);
    }

    @Override
    public synchronized CompletableFuture<Void> apply(List<Mutation> batch) {
        if (closed) {
            throw new StoreException("The table store is closed");
        }
        state.apply(batch);
        return DONE;
    }

    @Override
    public CompletableFuture<Void> durable() {
        return DONE;
    }

    @Override
    public void close() {
        closed = true;
    }
}
