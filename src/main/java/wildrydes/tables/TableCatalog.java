package wildrydes.tables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wildrydes.tables.storage.Keyspace;
import wildrydes.tables.storage.Mutation;
import wildrydes.tables.storage.TableStore;

/**
 * The tables that exist, their definitions and their life cycle: CREATING, UPDATING and
 * DELETING last {@code stateChangeMillis}, then the table is ACTIVE (or gone). Definitions are
 * stored as keyspace metadata, so they survive restarts; a table caught mid-change comes back
 * ACTIVE, or gone if it was being deleted.
 */
final class TableCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(TableCatalog.class);
    static final String KEYSPACE_PREFIX = "table:";

    private final TableStore store;
    private final TablesSettings settings;
    private final ScheduledExecutorService timers;
    private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();
    private final Object creating = new Object();

    TableCatalog(TableStore store, TablesSettings settings, ScheduledExecutorService timers) {
        this.store = store;
        this.settings = settings;
        this.timers = timers;
        recover();
    }

    private void recover() {
        for (Keyspace space : new ArrayList<>(store.keyspaces())) {
            if (!space.name().startsWith(KEYSPACE_PREFIX)) {
                continue;
            }
            TableDefinition definition = TableDefinitions.decode(space.metadata());
            if (definition.status().equals("DELETING")) {
                store.apply(List.of(new Mutation.DropKeyspace(space.name()))).join();
                continue;
            }
            Table table = new Table(definition, space);
            tables.put(definition.name(), table);
            if (!definition.status().equals("ACTIVE") || definition.indexes().stream().anyMatch(i -> !i.status().equals("ACTIVE"))) {
                settle(table);
            }
        }
        if (!tables.isEmpty()) {
            LOG.info("Tables: {} recovered", tables.size());
        }
    }

    TablesSettings settings() {
        return settings;
    }

    Collection<Table> all() {
        return tables.values();
    }

    /** The table for reading or writing items: RNF while it is created or deleted. */
    Table active(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw TablesException.notFound();
        }
        String status = table.definition().status();
        if (status.equals("CREATING") || status.equals("DELETING")) {
            throw TablesException.notFound();
        }
        return table;
    }

    /** The table in any state, for describing and changing it. */
    Table existing(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new TablesException(TablesError.ResourceNotFoundException, "Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    /** The table an ARN names ({@code arn:aws:dynamodb:region:account:table/name}), or null. */
    Table byArn(String arn) {
        int slash = arn.indexOf(":table/");
        if (slash < 0) {
            return null;
        }
        String rest = arn.substring(slash + ":table/".length());
        return tables.get(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
    }

    CompletableFuture<TableDefinition> create(TableDefinition definition) {
        synchronized (creating) {
            if (tables.containsKey(definition.name())) {
                throw new TablesException(TablesError.ResourceInUseException, "Table already exists: " + definition.name());
            }
            if (tables.size() >= settings.maxTables()) {
                throw new TablesException(TablesError.LimitExceededException, "Subscriber limit exceeded: There is a limit of "
                        + settings.maxTables() + " tables per account and region");
            }
            CompletableFuture<Void> durable = store.apply(List.of(new Mutation.PutKeyspace(definition.keyspace(),
                    TableDefinitions.encode(definition))));
            Table table = new Table(definition, store.keyspace(definition.keyspace()));
            tables.put(definition.name(), table);
            settle(table);
            return durable.thenApply(v -> definition);
        }
    }

    CompletableFuture<TableDefinition> delete(String name) {
        Table table = existing(name);
        table.writeLock.lock();
        try {
            TableDefinition definition = table.definition();
            switch (definition.status()) {
                case "CREATING" -> throw new TablesException(TablesError.ResourceInUseException,
                        "Attempt to change a resource which is still in use: Table is being created: " + name);
                case "DELETING" -> throw new TablesException(TablesError.ResourceInUseException,
                        "Attempt to change a resource which is still in use: Table is being deleted: " + name);
                case "UPDATING" -> throw new TablesException(TablesError.ResourceInUseException,
                        "Attempt to change a resource which is still in use: Table is being updated: " + name);
                default -> {
                }
            }
            if (definition.deletionProtection()) {
                throw TablesException.validation("Resource cannot be deleted as it is currently protected against deletion. "
                        + "Disable deletion protection first.");
            }
            TableDefinition deleting = definition.withStatus("DELETING");
            CompletableFuture<Void> durable = persist(table, deleting);
            timers.schedule(() -> drop(table), settings.stateChangeMillis(), TimeUnit.MILLISECONDS);
            return durable.thenApply(v -> deleting);
        } finally {
            table.writeLock.unlock();
        }
    }

    private void drop(Table table) {
        try {
            table.writeLock.lock();
            try {
                tables.remove(table.name(), table);
                store.apply(List.of(new Mutation.DropKeyspace(table.definition().keyspace())));
            } finally {
                table.writeLock.unlock();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not finish deleting table {}: {}", table.name(), e.toString());
        }
    }

    /** Changes a table's definition under its write lock; the change is durable when the future completes. */
    CompletableFuture<TableDefinition> change(Table table, UnaryOperator<TableDefinition> change) {
        table.writeLock.lock();
        try {
            TableDefinition next = change.apply(table.definition());
            if (!next.indexes().equals(table.definition().indexes())) {
                table.rebuildIndexes(next.indexes());
            }
            CompletableFuture<Void> durable = persist(table, next);
            if (!next.status().equals("ACTIVE") || next.indexes().stream().anyMatch(i -> !i.status().equals("ACTIVE"))) {
                settle(table);
            }
            return durable.thenApply(v -> next);
        } finally {
            table.writeLock.unlock();
        }
    }

    private CompletableFuture<Void> persist(Table table, TableDefinition next) {
        CompletableFuture<Void> durable = store.apply(List.of(new Mutation.PutKeyspace(next.keyspace(), TableDefinitions.encode(next))));
        table.setDefinition(next);
        return durable;
    }

    /** After {@code stateChangeMillis}: the table and its indexes become ACTIVE, and deleted indexes go. */
    private void settle(Table table) {
        timers.schedule(() -> {
            try {
                table.writeLock.lock();
                try {
                    if (tables.get(table.name()) != table || table.definition().status().equals("DELETING")) {
                        return;
                    }
                    TableDefinition d = table.definition();
                    List<IndexDefinition> indexes = d.indexes().stream().filter(i -> !i.status().equals("DELETING"))
                            .map(i -> i.withStatus("ACTIVE")).toList();
                    TableDefinition settled = d.withIndexes(indexes, d.attributes()).withStatus("ACTIVE");
                    if (!settled.equals(d)) {
                        table.rebuildIndexes(settled.indexes());
                        persist(table, settled);
                    }
                } finally {
                    table.writeLock.unlock();
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not finish a change of table {}: {}", table.name(), e.toString());
            }
        }, settings.stateChangeMillis(), TimeUnit.MILLISECONDS);
    }
}
