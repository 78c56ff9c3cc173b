package wildrydes.storage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A storage engine that keeps nothing on disk (for {@code --in-memory}); everything is gone when it closes. */
public final class MemoryStorageEngine implements StorageEngine {

    private record LogKey(String streamKey, int shardIndex) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<LogKey, MemoryShardLog> logs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> metadata = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> blobs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public MemoryStorageEngine() {
        this(Clock.systemUTC());
    }

    public MemoryStorageEngine(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ShardLog shardLog(String streamKey, int shardIndex) {
        StorageNames.checkStreamKey(streamKey);
        StorageNames.shardDirectory(shardIndex);
        checkOpen();
        return logs.computeIfAbsent(new LogKey(streamKey, shardIndex), key -> new MemoryShardLog(clock));
    }

    @Override
    public void writeMetadata(String streamKey, byte[] content) {
        StorageNames.checkStreamKey(streamKey);
        checkOpen();
        metadata.put(streamKey, content.clone());
    }

    @Override
    public Map<String, byte[]> readAllMetadata() {
        checkOpen();
        Map<String, byte[]> all = new TreeMap<>();
        metadata.forEach((key, content) -> all.put(key, content.clone()));
        return all;
    }

    @Override
    public void deleteStream(String streamKey) {
        StorageNames.checkStreamKey(streamKey);
        checkOpen();
        metadata.remove(streamKey);
        for (LogKey key : List.copyOf(logs.keySet())) {
            if (key.streamKey().equals(streamKey)) {
                MemoryShardLog log = logs.remove(key);
                if (log != null) {
                    log.close();
                }
            }
        }
    }

    /** The blob's content, or null if there is none of that name. */
    @Override
    public byte[] readBlob(String name) {
        StorageNames.checkBlobName(name);
        checkOpen();
        byte[] content = blobs.get(name);
        return content == null ? null : content.clone();
    }

    @Override
    public void writeBlob(String name, byte[] content) {
        StorageNames.checkBlobName(name);
        checkOpen();
        blobs.put(name, content.clone());
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
        logs.values().forEach(MemoryShardLog::close);
        logs.clear();
        metadata.clear();
        blobs.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("storage is closed");
        }
    }
}
