package wildrydes.cli;

import static wildrydes.cli.OptionParser.booleanValue;
import static wildrydes.cli.OptionParser.doubleValue;
import static wildrydes.cli.OptionParser.intValue;
import static wildrydes.cli.OptionParser.longValue;
import static wildrydes.cli.OptionParser.pathValue;

import java.util.List;
import wildrydes.http.ConnectionLimits;
import wildrydes.server.ServerConfig;

/**
 * The options of {@code wildrydes server}, declared once, in the order the help lists them: the
 * parser ({@link OptionParser}), the help and the command list ({@link ServerUsage}) all read
 * them from here. Each says which field of {@link ServerCommand} it sets.
 */
enum ServerOption implements CommandOption<ServerCommand> {
    HOST("--host", "<host>", "Address to listen on (default: " + ServerConfig.DEFAULT_HOST + "); beyond loopback only "
            + "with --credentials or --allow-anonymous.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.host = value;
        }
    },
    PORT("--port", "<port>", "Port to listen on; 0 picks a free one (default: " + ServerConfig.DEFAULT_PORT + ").") {
        @Override
        public void set(ServerCommand c, String value) {
            c.port = intValue(value);
        }
    },
    REGION("--region", "<region>", "Region in ARNs (default: " + ServerCommand.DEFAULT_REGION + ").") {
        @Override
        public void set(ServerCommand c, String value) {
            c.region = value;
        }
    },
    ACCOUNT_ID("--account-id", "<accountId>", "The default account: in ARNs, and the one everything belongs "
            + "to without --credentials (default: " + ServerCommand.DEFAULT_ACCOUNT_ID + ").") {
        @Override
        public void set(ServerCommand c, String value) {
            c.accountId = value;
        }
    },
    STATE_CHANGE_MS("--state-change-ms", "<stateChangeMillis>", "How long CREATING, DELETING and UPDATING last, in ms "
            + "(default: " + ServerCommand.DEFAULT_STATE_CHANGE_MILLIS + ").") {
        @Override
        public void set(ServerCommand c, String value) {
            c.stateChangeMillis = longValue(value);
        }
    },
    DATA_DIR("--data-dir", "<dataDir>", "Where data lives (default: ~/.wildrydes/data).") {
        @Override
        public void set(ServerCommand c, String value) {
            c.dataDir = pathValue(value);
        }
    },
    IN_MEMORY("--in-memory", null, "Keep nothing on disk: all data is gone when the server stops.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.inMemory = booleanValue(value);
        }
    },
    NO_FSYNC("--no-fsync", null, "Acknowledge records and item writes once the OS has them, without fsync: faster, "
            + "but a power loss (not a process crash) can lose the last of them; streams, tables and checkpoints stay durable.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.noFsync = booleanValue(value);
        }
    },
    SHARD_LIMIT("--shard-limit", "<shardLimit>",
            "Open shards allowed in each account (default: " + ServerCommand.DEFAULT_SHARD_LIMIT + ").") {
        @Override
        public void set(ServerCommand c, String value) {
            c.shardLimit = intValue(value);
        }
    },
    ENFORCE_LIMITS("--enforce-limits", null, "Refuse traffic over the per-shard limits as AWS does (writes: 1 MiB/s or "
            + "1,000 records/s; reads: 2 MiB/s and 5 GetRecords calls/s) with ProvisionedThroughputExceededException.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.enforceLimits = booleanValue(value);
        }
    },
    FAULT_RATE("--fault-rate", "FRACTION",
            "Answer this fraction of data-plane requests (0 to 1) with InternalFailure, to test retry logic.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.faultRate = doubleValue(value);
        }
    },
    TLS_PORT("--tls-port", "<tlsPort>", "TLS port, offering HTTP/2 and HTTP/1.1 (ALPN); 0 picks a free one "
            + "(default: --port + 1, so 4568; a free one with --port 0).") {
        @Override
        public void set(ServerCommand c, String value) {
            c.tlsPort = intValue(value);
        }
    },
    NO_TLS("--no-tls", null, "Open no TLS port (the plain port still speaks HTTP/1.1 and HTTP/2).") {
        @Override
        public void set(ServerCommand c, String value) {
            c.noTls = booleanValue(value);
        }
    },
    TLS_CERT("--tls-cert", "PEM", "Certificate chain for the TLS port (PEM), with --tls-key. "
            + "Default: a self-signed certificate made on first start in <data-dir>/tls/.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.tlsCertificate = pathValue(value);
        }
    },
    TLS_KEY("--tls-key", "PEM", "Unencrypted PKCS#8 private key (PEM) of --tls-cert.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.tlsKey = pathValue(value);
        }
    },
    CREDENTIALS("--credentials", "FILE", "Verify every request's SigV4 signature against these access keys, each in its "
            + "own account: lines of 'access-key-id secret account-id [session-token]', or the AWS credentials-file format "
            + "with aws_account_id per profile. Default: $" + ServerCommand.CREDENTIALS_VARIABLE + " (the same text), "
            + "else any signature of the right shape passes.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.credentialsFile = pathValue(value);
        }
    },
    ALLOW_ANONYMOUS("--allow-anonymous", null, "Listen on a non-loopback --host without credentials: anyone who reaches "
            + "the port can read and write every stream.") {
        @Override
        public void set(ServerCommand c, String value) {
            c.allowAnonymous = booleanValue(value);
        }
    },
    MAX_CONNECTIONS("--max-connections", "<maxConnections>", "Open connections allowed, both ports together; more are "
            + "closed at once (default: " + ConnectionLimits.DEFAULT_MAX_CONNECTIONS + ", lower when the open-file limit is).") {
        @Override
        public void set(ServerCommand c, String value) {
            c.maxConnections = intValue(value);
        }
    };

    static final List<ServerOption> ALL = List.of(values());

    private final String optionName;
    private final String paramLabel;
    private final String description;

    ServerOption(String optionName, String paramLabel, String description) {
        this.optionName = optionName;
        this.paramLabel = paramLabel;
        this.description = description;
    }

    @Override
    public String optionName() {
        return optionName;
    }

    @Override
    public String paramLabel() {
        return paramLabel;
    }

    @Override
    public String description() {
        return description;
    }
}
