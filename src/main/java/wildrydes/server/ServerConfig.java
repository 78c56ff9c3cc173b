package wildrydes.server;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything a server needs to start.
 *
 * @param host              address to listen on (loopback by default)
 * @param port              port to listen on; 0 picks a free one
 * @param region            region in ARNs
 * @param accountId         account in ARNs and messages
 * @param stateChangeMillis how long CREATING, DELETING and UPDATING last
 * @param dataDir           where data lives; ignored when {@code inMemory}
 * @param inMemory          keep nothing on disk
 * @param fsync             fsync every acknowledged write (group-committed)
 * @param shardLimit        open shards allowed across the account
 * @param clock             the service's clock (tests move it)
 * @param enforceLimits     refuse traffic over the per-shard throughput limits, as AWS does
 * @param faultRate         fraction of data-plane requests answered with InternalFailure
 */
public record ServerConfig(String host, int port, String region, String accountId, long stateChangeMillis,
                           Path dataDir, boolean inMemory, boolean fsync, int shardLimit, Clock clock,
                           boolean enforceLimits, double faultRate) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4567;

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".wildrydes", "data");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, "us-east-1", "000000000000", 500, defaultDataDir(), false, true,
                500, Clock.systemUTC(), false, 0);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock, enforceLimits, faultRate);
    }

    public ServerConfig withDataDir(Path dataDir) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, false, fsync, shardLimit, clock, enforceLimits, faultRate);
    }

    public ServerConfig withInMemory() {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, true, fsync, shardLimit, clock, enforceLimits, faultRate);
    }

    public ServerConfig withStateChangeMillis(long millis) {
        return new ServerConfig(host, port, region, accountId, millis, dataDir, inMemory, fsync, shardLimit, clock, enforceLimits, faultRate);
    }

    public ServerConfig withClock(Clock clock) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock, enforceLimits, faultRate);
    }

    public ServerConfig withLimits(boolean enforce, double rateOfFaults) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock,
                enforce, rateOfFaults);
    }

    public String endpoint(int boundPort) {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + boundPort;
    }
}
