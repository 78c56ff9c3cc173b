package wildrydes.cli;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import wildrydes.auth.Credentials;
import wildrydes.auth.CredentialsFile;
import wildrydes.http.ConnectionLimits;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;
import wildrydes.server.ServerStartException;
import wildrydes.server.TlsSettings;

/**
 * {@code wildrydes server}: starts the server and runs it until Ctrl+C or SIGTERM. Its options
 * are the fields below, set from the command line by {@link OptionParser} through the table in
 * {@link ServerOption}, without picocli, because the time from start to the first answer is
 * measured (bench/README.md); {@link ServerUsage} shows them in picocli's help.
 */
final class ServerCommand implements Callable<Integer> {
    static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_ACCOUNT_ID = "000000000000";
    static final long DEFAULT_STATE_CHANGE_MILLIS = 500;
    static final int DEFAULT_SHARD_LIMIT = 500;
    /** The environment variable that holds the credentials when --credentials does not name a file. */
    static final String CREDENTIALS_VARIABLE = "WILDRYDES_CREDENTIALS";
    /** File descriptors kept for everything but client connections (logs, segments, indexes, the JVM's own). */
    private static final int RESERVED_FILE_DESCRIPTORS = 512;

    String host = ServerConfig.DEFAULT_HOST;
    int port = ServerConfig.DEFAULT_PORT;
    String region = DEFAULT_REGION;
    String accountId = DEFAULT_ACCOUNT_ID;
    long stateChangeMillis = DEFAULT_STATE_CHANGE_MILLIS;
    Path dataDir;
    boolean inMemory;
    boolean noFsync;
    int shardLimit = DEFAULT_SHARD_LIMIT;
    boolean enforceLimits;
    double faultRate;
    Integer tlsPort;
    boolean noTls;
    Path tlsCertificate;
    Path tlsKey;
    Path credentialsFile;
    boolean allowAnonymous;
    Integer maxConnections;
    /** Where environment variables come from (tests replace it). */
    Function<String, String> environment = System::getenv;

    /** Parses the options that follow {@code server} and runs the command; returns the exit code. */
    static int run(List<String> args) {
        ServerCommand command = new ServerCommand();
        OptionParser.Outcome outcome;
        try {
            outcome = OptionParser.parse(args, ServerOption.ALL, command);
        } catch (OptionParser.UsageException e) {
            System.err.println(e.getMessage());
            if (e.suggestions().isEmpty()) {
                ServerUsage.print(System.err);
            } else { // as picocli does: the likely options instead of the whole usage
                System.err.println("Possible solutions: " + String.join(", ", e.suggestions()));
            }
            return 2;
        }
        switch (outcome) {
            case HELP -> {
                ServerUsage.print(System.out);
                return 0;
            }
            case VERSION -> {
                ServerUsage.printVersion(System.out);
                return 0;
            }
            default -> {
                try {
                    return command.call();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    e.printStackTrace();
                    return 1;
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    return 1;
                }
            }
        }
    }

    /** Next to the plain port by default; a server on a random port gets a random TLS port too, so test servers never collide. */
    private int tlsPort() {
        if (tlsPort != null) {
            return tlsPort;
        }
        return port == 0 ? 0 : port + 1;
    }

    /** What the options say, checked: an error message for the user, or null when they are fine. */
    String problem() {
        if ((tlsCertificate == null) != (tlsKey == null)) {
            return "give --tls-cert and --tls-key together.";
        }
        if (faultRate < 0 || faultRate > 1) {
            return "--fault-rate must be between 0 and 1.";
        }
        if (maxConnections != null && maxConnections < 1) {
            return "--max-connections must be at least 1.";
        }
        return null;
    }

    /**
     * The server's configuration, with the credentials read.
     *
     * @throws CredentialsFile.Problem when the credentials cannot be read or used, saying where and what to do
     */
    ServerConfig config() {
        ConnectionLimits limits = ConnectionLimits.defaults();
        if (maxConnections != null) {
            limits = limits.withMaxConnections(maxConnections);
        }
        return new ServerConfig(host, port, region, accountId, stateChangeMillis,
                dataDir == null ? ServerConfig.defaultDataDir() : dataDir, inMemory, !noFsync, shardLimit, Clock.systemUTC(),
                enforceLimits, faultRate).withCredentials(credentials()).withAllowAnonymous(allowAnonymous)
                .withConnectionLimits(limits);
    }

    /** The keys of --credentials, else of $WILDRYDES_CREDENTIALS, else null (signatures are not verified). */
    Credentials credentials() {
        if (credentialsFile != null) {
            return CredentialsFile.read(credentialsFile);
        }
        String text = environment.apply(CREDENTIALS_VARIABLE);
        return text == null || text.isBlank() ? null : CredentialsFile.parse(text, "$" + CREDENTIALS_VARIABLE);
    }

    /** Where the credentials came from, for the banner. */
    private String credentialsSource() {
        return credentialsFile != null ? credentialsFile.toAbsolutePath().toString() : "$" + CREDENTIALS_VARIABLE;
    }

    /** Without --max-connections, as many connections as the open-file limit leaves room for, up to the default. */
    private ServerConfig fitToFileLimit(ServerConfig config) {
        long fileLimit = openFileLimit();
        if (maxConnections != null || fileLimit <= 0) {
            return config;
        }
        int room = (int) Math.max(64, Math.min(Integer.MAX_VALUE, fileLimit - RESERVED_FILE_DESCRIPTORS));
        return room >= config.limits().maxConnections() ? config
                : config.withConnectionLimits(config.limits().withMaxConnections(room));
    }

    private static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** The TLS port's settings, or null with --no-tls. */
    TlsSettings tls() {
        return noTls ? null : new TlsSettings(tlsPort(), tlsCertificate, tlsKey);
    }

    /** The banner's line on who may do what: the mode the server runs in. */
    String securityLine(ServerConfig config) {
        String connections = "; at most " + config.limits().maxConnections() + " connections";
        if (config.verifiesSignatures()) {
            Credentials keys = config.credentials();
            return "Security: SigV4 signatures verified (" + keys.keys().size() + " access key(s) from " + credentialsSource()
                    + "; accounts " + String.join(", ", keys.accountIds()) + ", each sees only its own streams and tables)" + connections;
        }
        if (!config.loopbackOnly()) {
            return "Security: ANONYMOUS on " + config.host() + " (--allow-anonymous): anyone who reaches this port can read and "
                    + "write every stream and table" + connections;
        }
        return "Security: local mode, any SigV4-signed request is accepted (give --credentials to verify signatures and "
                + "share the server)" + connections;
    }

    @Override
    public Integer call() throws InterruptedException {
        String problem = problem();
        if (problem != null) {
            System.err.println("wildrydes server: " + problem);
            return 2;
        }
        long started = System.nanoTime();
        ServerConfig config;
        try {
            config = fitToFileLimit(config());
        } catch (CredentialsFile.Problem e) {
            System.err.println("wildrydes server: " + e.getMessage());
            return 2;
        }
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
            System.out.println(securityLine(config));
            System.out.println(inMemory ? "Data: in memory only (--in-memory): nothing is kept when the server stops."
                    : "Data: " + config.dataDir().toAbsolutePath() + (noFsync
                            ? " (--no-fsync: records and item writes reach the OS, not always the disk; metadata is fsynced)"
                            : " (durable: fsync before every acknowledgement)"));
            System.out.println("Console: " + endpoint + "/ in a browser; Prometheus metrics at " + endpoint + "/metrics"
                    + (config.verifiesSignatures() ? " (both sign in with an access key: the console asks for one, /metrics "
                    + "wants a SigV4-signed GET)" : ""));
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
