package wildrydes.tables.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on disk, with a snapshot threshold so small that snapshots happen during the tests. */
class FileTableStoreContractTest extends TableStoreContractTest {
    @TempDir
    Path dir;

    @Override
    TableStore open() {
        return FileTableStore.open(dir, Syncer.SYSTEM, 4096);
    }

    @Override
    TableStore reopen(TableStore closed) {
        closed.close();
        return open();
    }

    @Override
    boolean durable() {
        return true;
    }
}
