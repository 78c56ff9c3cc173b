package wildrydes.storage;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.io.TempDir;

/**
 * The contract with tiny segments and a dense index and without fsync, so that every read,
 * search and trim crosses segment boundaries and index entries.
 */
class FileStorageEngineSmallSegmentsContractTest extends StorageEngineContractTest {

    @TempDir
    Path dataDirectory;

    @Override
    protected StorageEngine openEngine(Clock clock) {
        StorageOptions options = StorageOptions.defaults().withSegmentMaxBytes(2048).withIndexIntervalBytes(256);
        return FileStorageEngine.open(dataDirectory, SyncMode.NONE, options, clock, FileSyncer.SYSTEM);
    }
}
