package wildrydes.storage;

import java.time.Clock;

class MemoryStorageEngineContractTest extends StorageEngineContractTest {

    @Override
    protected StorageEngine openEngine(Clock clock) {
        return new MemoryStorageEngine(clock);
    }
}
