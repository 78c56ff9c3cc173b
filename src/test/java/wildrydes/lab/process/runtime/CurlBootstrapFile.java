package wildrydes.lab.process.runtime;

import java.io.IOException;
import java.nio.file.Path;

/** {@link CurlBootstrap} for tests in other packages. */
public final class CurlBootstrapFile {
    private CurlBootstrapFile() {
    }

    public static Path write(Path dir) throws IOException {
        return CurlBootstrap.write(dir);
    }
}
