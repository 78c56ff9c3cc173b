package wildrydes.tables.sdk;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DurableTableOperationsTest extends TableOperationsContract {
    @TempDir
    Path dir;

    @Override
    TablesServer start() {
        return new TablesServer(dir.resolve("data"));
    }
}
