package wildrydes.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import wildrydes.auth.Credentials;
import wildrydes.http.ConnectionLimits;

/**
 * Everything a server needs to start.
 *
 * @param host              address to listen on (loopback by default)
 * @param port              port to listen on; 0 picks a free one
 * @param region            region in ARNs, and the region requests must be signed for
 * @param accountId         the default account: in ARNs and messages, and the one everything belongs to without credentials
 * @param stateChangeMillis how long CREATING, DELETING and UPDATING last
 * @param dataDir           where data lives (the default account's at the top, others under accounts/ID/); ignored when {@code inMemory}
 * @param inMemory          keep nothing on disk
 * @param fsync             fsync every acknowledged write (group-committed)
 * @param shardLimit        open shards allowed in each account
 * @param clock             the service's clock (tests move it); signatures are checked against it too
 * @param enforceLimits     refuse traffic over the per-shard throughput limits, as AWS does
 * @param faultRate         fraction of data-plane requests answered with InternalFailure
 * @param credentials       the access keys whose SigV4 signatures are verified, each for its account; null: any
 *                          signature of the right shape passes, everything is in the default account
 * @param allowAnonymous    listen beyond loopback without credentials all the same
 * @param limits            connections, request sizes and timeouts
 */
public record ServerConfig(String host, int port, String region, String accountId, long stateChangeMillis,
                           Path dataDir, boolean inMemory, boolean fsync, int shardLimit, Clock clock,
                           boolean enforceLimits, double faultRate, Credentials credentials, boolean allowAnonymous,
                           ConnectionLimits limits) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4567;

    /** Without credentials, the default limits. */
    public ServerConfig(String host, int port, String region, String accountId, long stateChangeMillis,
                        Path dataDir, boolean inMemory, boolean fsync, int shardLimit, Clock clock,
                        boolean enforceLimits, double faultRate) {
        this(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock, enforceLimits,
                faultRate, null, false, ConnectionLimits.defaults());
    }

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".wildrydes", "data");
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, "us-east-1", "000000000000", 500, defaultDataDir(), false, true,
                500, Clock.systemUTC(), false, 0);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock,
                enforceLimits, faultRate, credentials, allowAnonymous, limits);
    }

    public ServerConfig withHost(String host) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock,
                enforceLimits, faultRate, credentials, allowAnonymous, limits);
    }

    public ServerConfig withDataDir(Path dataDir) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, false, fsync, shardLimit, clock,
                enforceLimits, faultRate, credentials, allowAnonymous, limits);
    }

    public ServerConfig withInMemory() {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, true, fsync, shardLimit, clock,
                enforceLimits, faultRate, credentials, allowAnonymous, limits);
    }

    public ServerConfig withStateChangeMillis(long millis) {
        return new ServerConfig(host, port, region, accountId, millis, dataDir, inMemory, fsync, shardLimit, clock,
                enforceLimits, faultRate, credentials, allowAnonymous, limits);
    }

    public ServerConfig withClock(Clock clock) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock,
                enforceLimits, faultRate, credentials, allowAnonymous, limits);
    }

    public ServerConfig withLimits(boolean enforce, double rateOfFaults) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock,
                enforce, rateOfFaults, credentials, allowAnonymous, limits);
    }

    /** Verifies every request's signature against these keys (null: any signature of the right shape). */
    public ServerConfig withCredentials(Credentials keys) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock,
                enforceLimits, faultRate, keys, allowAnonymous, limits);
    }

    public ServerConfig withAllowAnonymous(boolean allow) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock,
                enforceLimits, faultRate, credentials, allow, limits);
    }

    public ServerConfig withConnectionLimits(ConnectionLimits connectionLimits) {
        return new ServerConfig(host, port, region, accountId, stateChangeMillis, dataDir, inMemory, fsync, shardLimit, clock,
                enforceLimits, faultRate, credentials, allowAnonymous, connectionLimits);
    }

    /** Whether the server checks signatures (credentials were given). */
    public boolean verifiesSignatures() {
        return credentials != null;
    }

    /** Whether {@link #host} is a loopback address (or a name that resolves only to one), reachable from this machine only. */
    public boolean loopbackOnly() {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public String endpoint(int boundPort) {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + boundPort;
    }
}
