package wildrydes.conformance;

import java.time.Clock;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * The in-process servers the corpus runs against, on 127.0.0.1 and free ports: one shared
 * in-memory server whose state changes take no time (every case works in streams of its own
 * and deletes them after), and a server of its own for a case that needs other settings or
 * sees account-wide state (stream lists, shard counts).
 */
final class ConformanceServers implements AutoCloseable {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final int DEFAULT_SHARD_LIMIT = 500;

    private KinesisServer shared;

    /** Settings a case may ask for; null values keep the defaults. */
    record Settings(Long stateChangeMillis, Integer shardLimit) {
    }

    synchronized KinesisServer shared() {
        if (shared == null) {
            shared = start(new Settings(0L, DEFAULT_SHARD_LIMIT));
        }
        return shared;
    }

    /** A new server with the settings; the caller closes it. */
    static KinesisServer start(Settings settings) {
        long stateChange = settings.stateChangeMillis() == null ? 0 : settings.stateChangeMillis();
        int shardLimit = settings.shardLimit() == null ? DEFAULT_SHARD_LIMIT : settings.shardLimit();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, REGION, ACCOUNT, stateChange, ServerConfig.defaultDataDir(), true, false, shardLimit,
                Clock.systemUTC(), false, 0);
        return KinesisServer.start(config);
    }

    @Override
    public synchronized void close() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }
}
