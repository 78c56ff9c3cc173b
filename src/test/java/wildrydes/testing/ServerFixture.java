package wildrydes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import wildrydes.kinesis.KinesisServices;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;
import wildrydes.server.TlsSettings;

/**
 * A server on a free port of 127.0.0.1 for the tests of one class: started before the first
 * test (and before the class's own {@code @BeforeAll} methods), closed after the last. In memory,
 * or durable in a data directory of its own, deleted afterwards. State changes are instant
 * unless configured otherwise. Register it in a static field:
 *
 * <pre>{@code @RegisterExtension
 * static final ServerFixture server = ServerFixture.inMemory();}</pre>
 *
 * A test family's own fixture (clients, helpers) extends it and opens its clients in
 * {@link #started()}, which also runs after a {@link #restart()}.
 */
public class ServerFixture implements BeforeAllCallback, AfterAllCallback {
    private final boolean durable;
    private final UnaryOperator<ServerConfig> configure;
    private TlsSettings tls;
    private Path dataDir;
    private KinesisServer server;

    protected ServerFixture(boolean durable, UnaryOperator<ServerConfig> configure) {
        this.durable = durable;
        this.configure = configure;
    }

    public static ServerFixture inMemory() {
        return new ServerFixture(false, UnaryOperator.identity());
    }

    /** In memory, with the defaults changed, e.g. {@code c -> c.withStateChangeMillis(300)}. */
    public static ServerFixture inMemory(UnaryOperator<ServerConfig> configure) {
        return new ServerFixture(false, configure);
    }

    public static ServerFixture durable() {
        return new ServerFixture(true, UnaryOperator.identity());
    }

    public static ServerFixture durable(UnaryOperator<ServerConfig> configure) {
        return new ServerFixture(true, configure);
    }

    /** Also listens with TLS. */
    public ServerFixture withTls(TlsSettings settings) {
        this.tls = settings;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = durable ? Files.createTempDirectory("wildrydes-test-") : null;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            stop();
        } finally {
            if (dataDir != null) {
                deleteTree(dataDir);
                dataDir = null;
            }
        }
    }

    /** Stops the server and starts it again on the same data, as a restart of the process would. */
    public void restart() {
        stop();
        start();
    }

    private void start() {
        ServerConfig base = ServerConfig.defaults().withPort(0).withStateChangeMillis(0);
        base = durable ? base.withDataDir(dataDir) : base.withInMemory();
        server = KinesisServer.start(configure.apply(base), tls);
        started();
    }

    private void stop() {
        if (server != null) {
            try {
                stopping();
            } finally {
                server.close();
                server = null;
            }
        }
    }

    /** Runs once the server answers: open clients here. */
    protected void started() {
    }

    /** Runs before the server closes: close clients here. */
    protected void stopping() {
    }

    public KinesisServer server() {
        return server;
    }

    /** The server's Kinesis services (registry, rooms, consumers), to look behind the API. */
    public KinesisServices streams() {
        return server.streams();
    }

    public String endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    /** The data directory of a durable server. */
    public Path dataDir() {
        return dataDir;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
