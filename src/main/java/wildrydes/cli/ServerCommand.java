package wildrydes.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;
import wildrydes.server.ServerStartException;
import wildrydes.server.TlsSettings;

@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Runs the Kinesis Data Streams compatible server until Ctrl+C or SIGTERM.",
            "Data survives restarts and crashes: every acknowledged write is fsynced first (group-committed)."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4567", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--region", defaultValue = "us-east-1", description = "Region in ARNs (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account-id", defaultValue = "000000000000", description = "Account id in ARNs (default: ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--state-change-ms", defaultValue = "500",
            description = "How long CREATING, DELETING and UPDATING last, in ms (default: ${DEFAULT-VALUE}).")
    long stateChangeMillis;

    @Option(names = "--data-dir", description = "Where data lives (default: ~/.wildrydes/data).")
    Path dataDir;

    @Option(names = "--in-memory", description = "Keep nothing on disk: all data is gone when the server stops.")
    boolean inMemory;

    @Option(names = "--no-fsync", description = "Acknowledge writes once the OS has them, without fsync: faster, but a power "
            + "loss (not a process crash) can lose the last writes.")
    boolean noFsync;

    @Option(names = "--shard-limit", defaultValue = "500", description = "Open shards allowed across the account (default: ${DEFAULT-VALUE}).")
    int shardLimit;

    @Option(names = "--enforce-limits", description = "Refuse traffic over the per-shard limits as AWS does (writes: 1 MiB/s or "
            + "1,000 records/s; reads: 2 MiB/s and 5 GetRecords calls/s) with ProvisionedThroughputExceededException.")
    boolean enforceLimits;

    @Option(names = "--fault-rate", defaultValue = "0", paramLabel = "FRACTION",
            description = "Answer this fraction of data-plane requests (0 to 1) with InternalFailure, to test retry logic.")
    double faultRate;

    @Option(names = "--tls-port", description = "TLS port, offering HTTP/2 and HTTP/1.1 (ALPN); 0 picks a free one "
            + "(default: --port + 1, so 4568; a free one with --port 0).")
    Integer tlsPort;

    @Option(names = "--no-tls", description = "Open no TLS port (the plain port still speaks HTTP/1.1 and HTTP/2).")
    boolean noTls;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain for the TLS port (PEM), with --tls-key. "
            + "Default: a self-signed certificate made on first start in <data-dir>/tls/.")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Unencrypted PKCS#8 private key (PEM) of --tls-cert.")
    Path tlsKey;

    /** Next to the plain port by default; a server on a random port gets a random TLS port too, so test servers never collide. */
    private int tlsPort() {
        if (tlsPort != null) {
            return tlsPort;
        }
        return port == 0 ? 0 : port + 1;
    }

    @Override
    public Integer call() throws InterruptedException {
        if ((tlsCertificate == null) != (tlsKey == null)) {
            System.err.println("wildrydes server: give --tls-cert and --tls-key together.");
            return 2;
        }
        if (faultRate < 0 || faultRate > 1) {
            System.err.println("wildrydes server: --fault-rate must be between 0 and 1.");
            return 2;
        }
        long started = System.nanoTime();
        ServerConfig config = new ServerConfig(host, port, region, accountId, stateChangeMillis,
                dataDir == null ? ServerConfig.defaultDataDir() : dataDir, inMemory, !noFsync, shardLimit, Clock.systemUTC(),
                enforceLimits, faultRate);
        KinesisServer server;
        try {
            server = KinesisServer.start(config, noTls ? null : new TlsSettings(tlsPort(), tlsCertificate, tlsKey));
        } catch (ServerStartException e) {
            System.err.println("wildrydes server: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "wildrydes-shutdown"));
        long readyMillis = (System.nanoTime() - started) / 1_000_000;
        String endpoint = server.endpoint();
        System.out.println("Wild Rydes Streaming " + Version.current() + ": Kinesis endpoint " + endpoint
                + " (region " + region + ", account " + accountId + ")");
        System.out.println(inMemory ? "Data: in memory only (--in-memory): nothing is kept when the server stops."
                : "Data: " + config.dataDir().toAbsolutePath() + (noFsync ? " (--no-fsync: writes reach the OS, not always the disk)"
                        : " (durable: fsync before every acknowledgement)"));
        if (server.tlsEndpoint() != null) {
            System.out.println("TLS: " + server.tlsEndpoint() + " (HTTP/2 and HTTP/1.1; the plain port speaks both too), certificate "
                    + (server.tlsCertificateFile() == null ? "self-signed, in memory only"
                    : server.tlsCertificateFile().toAbsolutePath().toString()));
        }
        System.out.println("Console: " + endpoint + "/ in a browser; Prometheus metrics at " + endpoint + "/metrics");
        System.out.println("Try:  aws --endpoint-url " + endpoint + " kinesis list-streams");
        System.out.println("Ready in " + readyMillis + " ms. Ctrl+C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
