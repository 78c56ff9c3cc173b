package wildrydes.storage;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.io.TempDir;

/** The contract with the defaults: every append fsynced through the group committer, one segment. */
class FileStorageEngineContractTest extends StorageEngineContractTest {

    @TempDir
    Path dataDirectory;

    @Override
    protected StorageEngine openEngine(Clock clock) {
        return FileStorageEngine.open(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults(), clock, FileSyncer.SYSTEM);
    }
}
