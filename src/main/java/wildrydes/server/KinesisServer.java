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
import wildrydes.kinesis.KinesisServices;
import wildrydes.metrics.MetricsStore;
import wildrydes.storage.FileStorageEngine;
import wildrydes.storage.MemoryStorageEngine;
import wildrydes.storage.StorageEngine;
import wildrydes.storage.StorageException;
import wildrydes.storage.StorageOptions;
import wildrydes.storage.SyncMode;
import wildrydes.stream.ServiceSettings;
import wildrydes.tables.TablesService;
import wildrydes.tables.TablesSettings;
import wildrydes.tables.api.TablesEndpoint;
import wildrydes.tables.storage.FileTableStore;
import wildrydes.tables.storage.MemoryTableStore;
import wildrydes.tables.storage.StoreException;
import wildrydes.tables.storage.Syncer;
import wildrydes.tables.storage.TableStore;

/** A running server: storage engines, the stream and table services and the HTTP edge, wired together. */
public final class KinesisServer implements AutoCloseable {
    private final ServerConfig config;
    private final StorageEngine storage;
    private final KinesisServices services;
    private final TableStore tableStore;
    private final TablesService tables;
    private final ApiServer http;
    /** Completes once the TLS port listens (with null when there is none), or with a ServerStartException. */
    private final CompletableFuture<TlsListener> tls;
    private volatile boolean closed;

    /** The TLS port as bound, and where its certificate is (null when it lives only in memory). */
    private record TlsListener(int port, Path certificateFile) {
    }

    private KinesisServer(ServerConfig config, TlsSettings tlsSettings) throws IOException, InterruptedException {
        this.config = config;
        StorageEngine engine = config.inMemory() ? new MemoryStorageEngine() : openStorage(config);
        KinesisServices kinesis = null;
        TableStore tableStore = null;
        TablesService tables = null;
        try {
            // Live streams never outnumber the shard limit (each has an open shard); the margin
            // covers streams whose last writes complete just after they are deleted.
            MetricsStore metrics = new MetricsStore(config.clock(), config.shardLimit() + 64);
            kinesis = KinesisServices.open(engine, new ServiceSettings(config.region(), config.accountId(),
                    config.stateChangeMillis(), config.shardLimit(), config.clock()).withLimits(config.enforceLimits(),
                    config.faultRate()), metrics);
            tableStore = config.inMemory() ? new MemoryTableStore() : openTables(config);
            tables = new TablesService(tableStore, TablesSettings.of(config.region(), config.accountId(), config.stateChangeMillis(),
                    config.clock()));
            java.nio.file.Path lake = config.inMemory() ? null : config.dataDir().toAbsolutePath().resolveSibling("lake");
            this.http = new ApiServer(config.host(), config.port(), new ActionRegistry(kinesis),
                    new ConsoleRouter(kinesis.registry(), metrics, tables, lake, config.inMemory() ? null : config.dataDir(),
                            engine::stats),
                    new TablesEndpoint(tables));
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (tables != null) {
                tables.close();
            }
            if (tableStore != null) {
                tableStore.close();
            }
            if (kinesis != null) {
                kinesis.close();
            }
            engine.close();
            throw e;
        }
        this.storage = engine;
        this.services = kinesis;
        this.tableStore = tableStore;
        this.tables = tables;
        // The TLS context takes from a few hundred ms (a stored certificate) to a second or two (a
        // first start makes a key pair) of cold crypto: it is made on a thread of its own once the
        // plain port listens, so the plain port answers meanwhile (see tlsReady()).
        this.tls = tlsSettings == null ? CompletableFuture.completedFuture(null) : listenTlsInBackground(tlsSettings);
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

    private CompletableFuture<TlsListener> listenTlsInBackground(TlsSettings settings) {
        CompletableFuture<TlsListener> listening = new CompletableFuture<>();
        Thread setUp = new Thread(() -> {
            try {
                listening.complete(listenTls(settings));
            } catch (Throwable e) {
                listening.completeExceptionally(e);
            }
        }, "wildrydes-tls-setup");
        setUp.setDaemon(true);
        setUp.start();
        return listening;
    }

    /** Makes the TLS context and opens the TLS port; every failure becomes a ServerStartException that says what to do. */
    private TlsListener listenTls(TlsSettings settings) {
        try {
            TlsMaterial ready = TlsMaterial.prepare(settings, config);
            if (closed) {
                throw new ServerStartException("The server stopped before its TLS port opened", null);
            }
            int port = http.listenTls(config.host(), settings.port(), ready.context());
            return new TlsListener(port, ready.certificateFile());
        } catch (ServerStartException e) {
            throw e;
        } catch (BindException e) {
            throw new ServerStartException("TLS port " + settings.port() + " on " + config.host() + " is in use ("
                    + e.getMessage() + "): pass --tls-port with a free port (0 picks one), or --no-tls.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("Interrupted while opening the TLS port", e);
        } catch (IOException | RuntimeException e) {
            throw new ServerStartException("Cannot set up TLS: " + e.getMessage(), e);
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

    private static TableStore openTables(ServerConfig config) {
        try {
            return FileTableStore.open(config.dataDir().resolve("tables"), config.fsync() ? Syncer.SYSTEM : Syncer.ITEMS_UNFORCED);
        } catch (StoreException e) {
            throw new ServerStartException("Cannot open the tables in " + config.dataDir().resolve("tables") + ": " + e.getMessage()
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
     * Starts a server that also listens with TLS (HTTP/2 and HTTP/1.1 by ALPN) unless {@code tls} is
     * null, and returns once both ports listen.
     *
     * @throws ServerStartException with a message that says what to do, when a port is taken, the
     *                              data directory cannot be used or the certificate cannot be read
     */
    public static KinesisServer start(ServerConfig config, TlsSettings tls) {
        KinesisServer server = startPlainFirst(config, tls);
        try {
            server.tlsReady().join();
        } catch (CompletionException e) {
            server.close();
            throw asStartException(e);
        }
        return server;
    }

    /**
     * Like {@link #start(ServerConfig, TlsSettings)}, but returns as soon as the plain port answers:
     * the TLS port follows, see {@link #tlsReady()}.
     */
    public static KinesisServer startPlainFirst(ServerConfig config, TlsSettings tls) {
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

    /**
     * Completes once the TLS port listens (at once when the server has none), or exceptionally
     * with a {@link ServerStartException} saying what to do when it cannot; the plain port keeps
     * serving either way.
     */
    public CompletableFuture<Void> tlsReady() {
        return tls.thenApply(listener -> null);
    }

    private static ServerStartException asStartException(CompletionException e) {
        return e.getCause() instanceof ServerStartException s ? s
                : new ServerStartException("Cannot set up TLS: " + e.getCause(), e.getCause());
    }

    /** The TLS listener, waiting for it while it is being set up. */
    private TlsListener tlsListener() {
        try {
            return tls.join();
        } catch (CompletionException e) {
            throw asStartException(e);
        }
    }

    public int port() {
        return http.port();
    }

    public String endpoint() {
        return config.endpoint(port());
    }

    /** The bound TLS port, or -1 when the server has none (waits while the TLS port is being set up). */
    public int tlsPort() {
        TlsListener listener = tlsListener();
        return listener == null ? -1 : listener.port();
    }

    /** {@code https://host:port} of the TLS port, or null when the server has none (waits while it is being set up). */
    public String tlsEndpoint() {
        TlsListener listener = tlsListener();
        return listener == null ? null : config.endpoint(listener.port()).replaceFirst("^http:", "https:");
    }

    /**
     * The PEM file of the TLS certificate (to trust it), or null when there is none or it lives only
     * in memory (waits while the TLS port is being set up).
     */
    public Path tlsCertificateFile() {
        TlsListener listener = tlsListener();
        return listener == null ? null : listener.certificateFile();
    }

    /** Bytes of SubscribeToShard events written but not yet sent to subscribers. */
    public long eventStreamQueuedBytes() {
        return http.eventStreamQueuedBytes();
    }

    public ServerConfig config() {
        return config;
    }

    /** The Kinesis services this server runs: the stream registry and the rooms around it. */
    public KinesisServices streams() {
        return services;
    }

    public TablesService tables() {
        return tables;
    }

    @Override
    public void close() {
        closed = true;
        http.close();
        tables.close();
        tableStore.close();
        services.close();
        storage.close();
    }
}
