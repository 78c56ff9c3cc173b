package wildrydes.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import wildrydes.api.ActionRegistry;
import wildrydes.console.ConsoleRouter;
import wildrydes.http.AccountDirectory;
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

/**
 * The accounts of a server, each with services of its own: its storage engine, its Kinesis
 * services (streams, consumers, shard limit, iterator key), its tables (their store, service and
 * DynamoDB API, ARNs with the account's id), its metrics and its console data.
 * Isolation is a matter of which set a request is dispatched to; nothing below knows accounts.
 *
 * <p>On disk the default account keeps the layout a server without accounts always had, at the
 * top of the data directory (so existing data directories open as they are); every other
 * account lives under {@code <data-dir>/accounts/<account-id>/} with the same layout inside.
 * The data lake and the lab tools' status files beside the data directory belong to whoever runs
 * the server: only the default account's console shows them.
 */
public final class Accounts implements AccountDirectory, AutoCloseable {
    static final String ACCOUNTS_DIRECTORY = "accounts";

    /** One account's services. */
    public record Account(String id, StorageEngine storage, KinesisServices kinesis, MetricsStore metrics,
                          ActionRegistry actions, ConsoleRouter console, TableStore tableStore, TablesService tables,
                          TablesEndpoint tablesEndpoint) {
    }

    private final String defaultId;
    private final Map<String, Account> byId;

    private Accounts(String defaultId, Map<String, Account> byId) {
        this.defaultId = defaultId;
        this.byId = byId;
    }

    /** Opens the default account and every account a configured key acts for, recovering their data. */
    static Accounts open(ServerConfig config) {
        SortedSet<String> ids = new TreeSet<>();
        if (config.credentials() != null) {
            ids.addAll(config.credentials().accountIds());
        }
        ids.remove(config.accountId());
        List<String> order = new ArrayList<>();
        order.add(config.accountId());
        order.addAll(ids);
        Map<String, Account> opened = new LinkedHashMap<>();
        try {
            for (String id : order) {
                opened.put(id, openAccount(config, id));
            }
        } catch (RuntimeException e) {
            opened.values().forEach(Accounts::closeAccount);
            throw e;
        }
        return new Accounts(config.accountId(), Collections.unmodifiableMap(opened));
    }

    /** Where an account's data lives. */
    static Path dataDir(ServerConfig config, String accountId) {
        return accountId.equals(config.accountId()) ? config.dataDir()
                : config.dataDir().resolve(ACCOUNTS_DIRECTORY).resolve(accountId);
    }

    private static Account openAccount(ServerConfig config, String id) {
        Path dataDir = dataDir(config, id);
        StorageEngine engine = config.inMemory() ? new MemoryStorageEngine() : openStorage(config, dataDir);
        KinesisServices kinesis = null;
        TableStore tableStore = null;
        TablesService tables = null;
        try {
            // Live streams never outnumber the shard limit (each has an open shard); the margin
            // covers streams whose last writes complete just after they are deleted.
            MetricsStore metrics = new MetricsStore(config.clock(), config.shardLimit() + 64);
            kinesis = KinesisServices.open(engine, new ServiceSettings(config.region(), id, config.stateChangeMillis(),
                    config.shardLimit(), config.clock()).withLimits(config.enforceLimits(), config.faultRate()), metrics);
            tableStore = config.inMemory() ? new MemoryTableStore() : openTables(config, dataDir.resolve("tables"));
            tables = new TablesService(tableStore, TablesSettings.of(config.region(), id, config.stateChangeMillis(), config.clock()));
            boolean operators = id.equals(config.accountId()) && !config.inMemory();
            Path lake = operators ? config.dataDir().toAbsolutePath().resolveSibling("lake") : null;
            ConsoleRouter console = new ConsoleRouter(kinesis.registry(), metrics, tables, lake, operators ? config.dataDir() : null,
                    engine::stats);
            return new Account(id, engine, kinesis, metrics, new ActionRegistry(kinesis), console, tableStore, tables,
                    new TablesEndpoint(tables));
        } catch (RuntimeException e) {
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
    }

    private static StorageEngine openStorage(ServerConfig config, Path directory) {
        try {
            return FileStorageEngine.open(directory, config.fsync() ? SyncMode.FSYNC : SyncMode.NONE, StorageOptions.defaults());
        } catch (StorageException e) {
            throw new ServerStartException("Cannot open the data directory " + directory + ": " + e.getMessage()
                    + ". If another server uses it, stop that one, or pass --data-dir with another folder (or --in-memory).", e);
        }
    }

    private static TableStore openTables(ServerConfig config, Path directory) {
        try {
            return FileTableStore.open(directory, config.fsync() ? Syncer.SYSTEM : Syncer.ITEMS_UNFORCED);
        } catch (StoreException e) {
            throw new ServerStartException("Cannot open the tables in " + directory + ": " + e.getMessage()
                    + ". If another server uses it, stop that one, or pass --data-dir with another folder (or --in-memory).", e);
        }
    }

    private static void closeAccount(Account account) {
        try {
            account.tables().close();
            account.tableStore().close();
        } finally {
            try {
                account.kinesis().close();
            } finally {
                account.storage().close();
            }
        }
    }

    /** The account of this id, or null. */
    public Account account(String id) {
        return byId.get(id);
    }

    public Account defaultAccount() {
        return byId.get(defaultId);
    }

    /** Every account, the default one first. */
    public List<Account> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public String defaultAccountId() {
        return defaultId;
    }

    @Override
    public ActionRegistry kinesisActions(String accountId) {
        return existing(accountId).actions();
    }

    @Override
    public ConsoleRouter console(String accountId) {
        return existing(accountId).console();
    }

    @Override
    public TablesEndpoint tables(String accountId) {
        return existing(accountId).tablesEndpoint();
    }

    private Account existing(String accountId) {
        Account account = byId.get(accountId);
        if (account == null) {
            throw new IllegalStateException("no services for account " + accountId);
        }
        return account;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Account account : byId.values()) {
            try {
                closeAccount(account);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
