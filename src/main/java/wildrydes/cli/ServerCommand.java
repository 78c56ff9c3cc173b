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

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        ServerConfig config = new ServerConfig(host, port, region, accountId, stateChangeMillis,
                dataDir == null ? ServerConfig.defaultDataDir() : dataDir, inMemory, !noFsync, shardLimit, Clock.systemUTC());
        KinesisServer server;
        try {
            server = KinesisServer.start(config);
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
        System.out.println("Try:  aws --endpoint-url " + endpoint + " kinesis list-streams");
        System.out.println("Ready in " + readyMillis + " ms. Ctrl+C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
