package wildrydes.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--region", description = "Region in ARNs (default: ${DEFAULT-VALUE}).")
    String region = "us-east-1";

    @Option(names = "--account-id", description = "Account id in ARNs (default: ${DEFAULT-VALUE}).")
    String accountId = "000000000000";

    @Option(names = "--state-change-ms",
            description = "How long CREATING, DELETING and UPDATING last, in ms (default: ${DEFAULT-VALUE}).")
    long stateChangeMillis = 500;

    @Option(names = "--data-dir", description = "Where data lives (default: ~/.wildrydes/data).")
    Path dataDir;

    @Option(names = "--in-memory", description = "Keep nothing on disk: all data is gone when the server stops.")
    boolean inMemory;

    @Option(names = "--no-fsync", description = "Acknowledge writes once the OS has them, without fsync: faster, but a power "
            + "loss (not a process crash) can lose the last writes.")
    boolean noFsync;

    @Option(names = "--shard-limit", description = "Open shards allowed across the account (default: ${DEFAULT-VALUE}).")
    int shardLimit = 500;

    @Option(names = "--enforce-limits", description = "Refuse traffic over the per-shard limits as AWS does (writes: 1 MiB/s or "
            + "1,000 records/s; reads: 2 MiB/s and 5 GetRecords calls/s) with ProvisionedThroughputExceededException.")
    boolean enforceLimits;

    @Option(names = "--fault-rate", paramLabel = "FRACTION",
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

    /**
     * The options of a plain {@code server} command line without picocli, whose reflection and
     * Java 5 classes (which no start-up cache can hold) cost a few hundred ms of start-up: the
     * forms {@code --name value} and {@code --name=value}, each option at most once. Returns null
     * for anything else (help, version, an unknown option, a repeated one, a value that does not
     * convert, {@code @files}): picocli then parses the line, with its messages.
     */
    static ServerCommand parseQuickly(List<String> args) {
        ServerCommand command = new ServerCommand();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            String value = equals > 0 ? arg.substring(equals + 1) : null;
            if (!seen.add(name)) {
                return null;
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    return null;
                }
                switch (name) {
                    case "--in-memory" -> command.inMemory = true;
                    case "--no-fsync" -> command.noFsync = true;
                    case "--enforce-limits" -> command.enforceLimits = true;
                    case "--no-tls" -> command.noTls = true;
                    default -> throw new IllegalStateException(name);
                }
                continue;
            }
            if (!VALUED.contains(name)) {
                return null;
            }
            if (value == null) {
                if (i + 1 == args.size()) {
                    return null;
                }
                value = args.get(++i);
            }
            if (value.startsWith("-") || value.startsWith("@")) {
                return null; // picocli decides whether that is a value or a missing one
            }
            try {
                switch (name) {
                    case "--host" -> command.host = value;
                    case "--port" -> command.port = Integer.parseInt(value);
                    case "--region" -> command.region = value;
                    case "--account-id" -> command.accountId = value;
                    case "--state-change-ms" -> command.stateChangeMillis = Long.parseLong(value);
                    case "--data-dir" -> command.dataDir = Path.of(value);
                    case "--shard-limit" -> command.shardLimit = Integer.parseInt(value);
                    case "--fault-rate" -> command.faultRate = Double.parseDouble(value);
                    case "--tls-port" -> command.tlsPort = Integer.valueOf(value);
                    case "--tls-cert" -> command.tlsCertificate = Path.of(value);
                    case "--tls-key" -> command.tlsKey = Path.of(value);
                    default -> throw new IllegalStateException(name);
                }
            } catch (RuntimeException e) {
                return null;
            }
        }
        return command;
    }

    /** The options {@link #parseQuickly} knows: every option of this command but --help and --version. */
    static final Set<String> FLAGS = Set.of("--in-memory", "--no-fsync", "--enforce-limits", "--no-tls");
    static final Set<String> VALUED = Set.of("--host", "--port", "--region", "--account-id", "--state-change-ms",
            "--data-dir", "--shard-limit", "--fault-rate", "--tls-port", "--tls-cert", "--tls-key");

    /** What the options say, checked: an error message for the user, or null when they are fine. */
    String problem() {
        if ((tlsCertificate == null) != (tlsKey == null)) {
            return "give --tls-cert and --tls-key together.";
        }
        if (faultRate < 0 || faultRate > 1) {
            return "--fault-rate must be between 0 and 1.";
        }
        return null;
    }

    ServerConfig config() {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis,
                dataDir == null ? ServerConfig.defaultDataDir() : dataDir, inMemory, !noFsync, shardLimit, Clock.systemUTC(),
                enforceLimits, faultRate);
    }

    /** The TLS port's settings, or null with --no-tls. */
    TlsSettings tls() {
        return noTls ? null : new TlsSettings(tlsPort(), tlsCertificate, tlsKey);
    }

    @Override
    public Integer call() throws InterruptedException {
        String problem = problem();
        if (problem != null) {
            System.err.println("wildrydes server: " + problem);
            return 2;
        }
        long started = System.nanoTime();
        ServerConfig config = config();
        KinesisServer server;
        try {
            // Ready as soon as the plain port answers; the TLS port follows and says so in a line of its own.
            server = KinesisServer.startPlainFirst(config, tls());
        } catch (ServerStartException e) {
            System.err.println("wildrydes server: " + e.getMessage());
            return 2;
        }
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            exitCode.complete(0);
        }, "wildrydes-shutdown"));
        long readyMillis = (System.nanoTime() - started) / 1_000_000;
        String endpoint = server.endpoint();
        synchronized (System.out) {
            System.out.println("Wild Rydes Streaming " + Version.current() + ": Kinesis endpoint " + endpoint
                    + " (region " + region + ", account " + accountId + ")");
            System.out.println(inMemory ? "Data: in memory only (--in-memory): nothing is kept when the server stops."
                    : "Data: " + config.dataDir().toAbsolutePath() + (noFsync ? " (--no-fsync: writes reach the OS, not always the disk)"
                            : " (durable: fsync before every acknowledgement)"));
            System.out.println("Console: " + endpoint + "/ in a browser; Prometheus metrics at " + endpoint + "/metrics");
            System.out.println("Try:  aws --endpoint-url " + endpoint + " kinesis list-streams");
            System.out.println("Tables (the DynamoDB API, same endpoint):  aws --endpoint-url " + endpoint + " dynamodb list-tables");
            System.out.println("Ready in " + readyMillis + " ms. Ctrl+C stops.");
            System.out.flush();
        }
        server.tlsReady().whenComplete((ok, failure) -> {
            if (failure == null) {
                if (server.tlsEndpoint() != null) {
                    synchronized (System.out) {
                        System.out.println("TLS: " + server.tlsEndpoint() + " (HTTP/2 and HTTP/1.1; the plain port speaks both too), "
                                + "certificate " + (server.tlsCertificateFile() == null ? "self-signed, in memory only"
                                : server.tlsCertificateFile().toAbsolutePath().toString()));
                        System.out.flush();
                    }
                }
            } else {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                System.err.println("wildrydes server: " + cause.getMessage() + " Stopping.");
                exitCode.complete(2);
            }
        });
        try {
            return exitCode.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
