package wildrydes.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import wildrydes.api.ActionRegistry;
import wildrydes.http.ApiServer;
import wildrydes.storage.FileStorageEngine;
import wildrydes.storage.MemoryStorageEngine;
import wildrydes.storage.StorageEngine;
import wildrydes.storage.StorageException;
import wildrydes.storage.StorageOptions;
import wildrydes.storage.SyncMode;
import wildrydes.stream.ServiceSettings;
import wildrydes.stream.StreamService;

/** A running server: storage engine, stream service and HTTP edge, wired together. */
public final class KinesisServer implements AutoCloseable {
    private final ServerConfig config;
    private final StorageEngine storage;
    private final StreamService service;
    private final ApiServer http;

    private KinesisServer(ServerConfig config) throws IOException, InterruptedException {
        this.config = config;
        StorageEngine engine = config.inMemory() ? new MemoryStorageEngine() : openStorage(config);
        StreamService streams = null;
        try {
            streams = new StreamService(engine, new ServiceSettings(config.region(), config.accountId(),
                    config.stateChangeMillis(), config.shardLimit(), config.clock()));
            this.http = new ApiServer(config.host(), config.port(), new ActionRegistry(streams));
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (streams != null) {
                streams.close();
            }
            engine.close();
            throw e;
        }
        this.storage = engine;
        this.service = streams;
    }

    private static StorageEngine openStorage(ServerConfig config) {
        try {
            return FileStorageEngine.open(config.dataDir(), config.fsync() ? SyncMode.FSYNC : SyncMode.NONE,
                    StorageOptions.defaults());
        } catch (StorageException e) {
            throw new ServerStartException("Cannot open the data directory " + config.dataDir() + ": " + e.getMessage()
                    + ". If another server uses it, stop that one, or pass --data-dir with another folder (or --in-memory).", e);
        }
    }

    /**
     * Starts a server.
     *
     * @throws ServerStartException with a message that says what to do, when the port is taken
     *                              or the data directory cannot be used
     */
    public static KinesisServer start(ServerConfig config) {
        try {
            return new KinesisServer(config);
        } catch (BindException e) {
            throw new ServerStartException("Port " + config.port() + " on " + config.host() + " is in use (" + e.getMessage()
                    + "): is a server already running? Stop it, or pass --port with a free port.", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("Interrupted while starting", e);
        }
    }

    public int port() {
        return http.port();
    }

    public String endpoint() {
        return config.endpoint(port());
    }

    public ServerConfig config() {
        return config;
    }

    public StreamService streams() {
        return service;
    }

    @Override
    public void close() {
        http.close();
        service.close();
        storage.close();
    }
}
