package wildrydes.server;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import wildrydes.api.ActionRegistry;
import wildrydes.console.ConsoleRouter;
import wildrydes.http.ApiServer;
import wildrydes.http.TlsContexts;
import wildrydes.metrics.MetricsStore;
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
    private final TlsListener tls;

    /** The TLS port as bound, and where its certificate is (null when it lives only in memory). */
    private record TlsListener(int port, Path certificateFile) {
    }

    private KinesisServer(ServerConfig config, TlsSettings tlsSettings) throws IOException, InterruptedException {
        this.config = config;
        StorageEngine engine = config.inMemory() ? new MemoryStorageEngine() : openStorage(config);
        // The TLS context takes a second or two of cold crypto: made while the rest starts (after
        // the data directory is ours, as a first start writes the certificate there).
        CompletableFuture<TlsMaterial> tlsMaterial = tlsSettings == null ? null
                : CompletableFuture.supplyAsync(() -> TlsMaterial.prepare(tlsSettings, config));
        StreamService streams = null;
        try {
            // Live streams never outnumber the shard limit (each has an open shard); the margin
            // covers streams whose last writes complete just after they are deleted.
            MetricsStore metrics = new MetricsStore(config.clock(), config.shardLimit() + 64);
            streams = new StreamService(engine, new ServiceSettings(config.region(), config.accountId(),
                    config.stateChangeMillis(), config.shardLimit(), config.clock()).withLimits(config.enforceLimits(),
                    config.faultRate()), metrics);
            this.http = new ApiServer(config.host(), config.port(), new ActionRegistry(streams),
                    new ConsoleRouter(streams, metrics));
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (streams != null) {
                streams.close();
            }
            engine.close();
            throw e;
        }
        this.storage = engine;
        this.service = streams;
        this.tls = tlsSettings == null ? null : listenTls(tlsSettings, tlsMaterial);
    }

    /** The TLS port's context and where its certificate is kept. */
    private record TlsMaterial(SslContext context, Path certificateFile) {
        static TlsMaterial prepare(TlsSettings settings, ServerConfig config) {
            ServerCertificate certificate = ServerCertificate.resolve(settings, config);
            try {
                return new TlsMaterial(TlsContexts.server(certificate.key(), certificate.chain()), certificate.certificateFile());
            } catch (javax.net.ssl.SSLException e) {
                throw new ServerStartException("Cannot set up TLS with " + certificate.certificateFile() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Opens the TLS port after everything else; on failure stops what was started. */
    private TlsListener listenTls(TlsSettings settings, CompletableFuture<TlsMaterial> material)
            throws InterruptedException, IOException {
        try {
            TlsMaterial ready = material.join();
            int port = http.listenTls(config.host(), settings.port(), ready.context());
            return new TlsListener(port, ready.certificateFile());
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof ServerStartException s ? s : new ServerStartException("Cannot set up TLS: "
                    + e.getCause(), e.getCause());
        } catch (BindException e) {
            close();
            throw new ServerStartException("TLS port " + settings.port() + " on " + config.host() + " is in use ("
                    + e.getMessage() + "): pass --tls-port with a free port (0 picks one), or --no-tls.", e);
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof ServerStartException s ? s : new ServerStartException("Cannot set up TLS: " + e.getMessage(), e);
        }
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
        return start(config, null);
    }

    /**
     * Starts a server that also listens with TLS (HTTP/2 and HTTP/1.1 by ALPN) unless {@code tls} is null.
     *
     * @throws ServerStartException with a message that says what to do, when a port is taken, the
     *                              data directory cannot be used or the certificate cannot be read
     */
    public static KinesisServer start(ServerConfig config, TlsSettings tls) {
        try {
            return new KinesisServer(config, tls);
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

    /** The bound TLS port, or -1 when the server has none. */
    public int tlsPort() {
        return tls == null ? -1 : tls.port();
    }

    /** {@code https://host:port} of the TLS port, or null when the server has none. */
    public String tlsEndpoint() {
        return tls == null ? null : config.endpoint(tls.port()).replaceFirst("^http:", "https:");
    }

    /** The PEM file of the TLS certificate (to trust it), or null when there is none or it lives only in memory. */
    public Path tlsCertificateFile() {
        return tls == null ? null : tls.certificateFile();
    }

    /** Bytes of SubscribeToShard events written but not yet sent to subscribers. */
    public long eventStreamQueuedBytes() {
        return http.eventStreamQueuedBytes();
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
