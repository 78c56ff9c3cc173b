package wildrydes.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.storage.TableStore;

/**
 * The DynamoDB service: tables and their items, on a {@link TableStore}. Writes complete when
 * durable; reads complete once everything they could have seen is durable, so nothing a client
 * reads can be lost in a crash.
 */
public final class TablesService implements AutoCloseable {
    private final TableStore store;
    private final TablesSettings settings;
    private final ScheduledExecutorService timers;
    private final TableCatalog catalog;
    private final ItemWrites writes;
    private final Queries queries;
    private final Batches batches;
    private final Transactions transactions;
    private final TableMetrics metrics = new TableMetrics();
    private final TimeToLiveSweeper sweeper;

    public TablesService(TableStore store, TablesSettings settings) {
        this.store = store;
        this.settings = settings;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("wildrydes-tables-timer").daemon().unstarted(r));
        this.catalog = new TableCatalog(store, settings, timers);
        this.writes = new ItemWrites(store, catalog);
        this.queries = new Queries(catalog);
        this.batches = new Batches(store, catalog);
        this.transactions = new Transactions(store, catalog);
        this.sweeper = new TimeToLiveSweeper(catalog, store, settings.clock());
        timers.scheduleWithFixedDelay(sweeper::sweep, 10, 10, TimeUnit.SECONDS);
    }

    public TablesSettings settings() {
        return settings;
    }

    public TableMetrics metrics() {
        return metrics;
    }

    /** Sweeps expired items now (tests; the server sweeps every 10 s). */
    public int sweepExpiredItems() {
        return sweeper.sweep();
    }

    // ---- tables

    /** Creates a table from a checked definition; fills in its id, creation time and CREATING state. */
    public CompletableFuture<TableDefinition> createTable(TableDefinition proposal) {
        long now = settings.clock().millis();
        List<IndexDefinition> indexes = proposal.indexes().stream()
                .map(i -> new IndexDefinition(i.name(), i.global(), i.key(), i.projectionType(), i.nonKeyAttributes(), i.throughput(),
                        i.global() ? "CREATING" : "ACTIVE", now)).toList();
        TableDefinition definition = new TableDefinition(proposal.name(), UUID.randomUUID().toString(), now, proposal.attributes(),
                proposal.key(), proposal.onDemand(), proposal.onDemand() ? now : 0, proposal.throughput(), indexes, "CREATING",
                proposal.tags(), null, "DISABLED", false, 0, proposal.deletionProtection(), proposal.tableClass());
        return catalog.create(definition);
    }

    public TableView describeTable(String name) {
        return view(catalog.existing(name));
    }

    private static TableView view(Table table) {
        return view(table, table.definition());
    }

    /** The table as {@code definition} describes it (an UpdateTable answers with what it wrote, not what timers made of it since). */
    private static TableView view(Table table, TableDefinition definition) {
        Map<String, Long> indexCounts = new LinkedHashMap<>();
        for (IndexDefinition d : definition.indexes()) {
            SecondaryIndex index = table.index(d.name());
            indexCounts.put(d.name(), index == null ? 0 : index.count());
        }
        return new TableView(definition, table.keyspace().count(), table.keyspace().bytes(), indexCounts);
    }

    /** Table names after {@code exclusiveStart} (null for the first page), in order, at most {@code limit}. */
    public List<String> listTables(String exclusiveStart, int limit) {
        return catalog.all().stream().map(Table::name).sorted(Comparator.naturalOrder())
                .filter(n -> exclusiveStart == null || n.compareTo(exclusiveStart) > 0).limit(limit).toList();
    }

    public int tableCount() {
        return catalog.all().size();
    }

    public CompletableFuture<TableView> deleteTable(String name) {
        Table table = catalog.existing(name);
        return catalog.delete(name).thenApply(d -> {
            metrics.forget(name);
            return new TableView(d, table.keyspace().count(), table.keyspace().bytes(), Map.of());
        });
    }

    public CompletableFuture<TableView> updateTable(TableChange change) {
        Table table = catalog.existing(change.table());
        long now = settings.clock().millis();
        return catalog.change(table, d -> TableChanges.apply(d, change, now)).thenApply(d -> view(table, d));
    }

    // ---- tags, time to live, backups

    public Table tableByArn(String arn) {
        Table table = catalog.byArn(arn);
        if (table == null || !settings.tableArn(table.name()).equals(arn)) {
            throw new TablesException(TablesError.ResourceNotFoundException, "Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return table;
    }

    public CompletableFuture<Void> tagResource(String arn, List<TableDefinition.Tag> tags) {
        Table table = tableByArn(arn);
        return catalog.change(table, d -> {
            Map<String, String> merged = d.tagMap();
            tags.forEach(t -> merged.put(t.key(), t.value()));
            if (merged.size() > 50) {
                throw new TablesException(TablesError.LimitExceededException, "Tag count exceeds the limit of 50 tags per resource");
            }
            return d.withTags(merged.entrySet().stream().map(e -> new TableDefinition.Tag(e.getKey(), e.getValue())).toList());
        }).thenApply(d -> null);
    }

    public CompletableFuture<Void> untagResource(String arn, List<String> keys) {
        Table table = tableByArn(arn);
        return catalog.change(table, d -> d.withTags(d.tags().stream().filter(t -> !keys.contains(t.key())).toList()))
                .thenApply(d -> null);
    }

    public List<TableDefinition.Tag> listTags(String arn) {
        return tableByArn(arn).definition().tags();
    }

    public CompletableFuture<TableDefinition> updateTimeToLive(String name, String attribute, boolean enabled) {
        Table table = catalog.active(name);
        return catalog.change(table, d -> {
            if (enabled && "ENABLED".equals(d.ttlStatus())) {
                throw TablesException.validation("TimeToLive is already enabled");
            }
            if (!enabled && !"ENABLED".equals(d.ttlStatus())) {
                throw TablesException.validation("TimeToLive is already disabled");
            }
            if (!enabled && !attribute.equals(d.ttlAttribute())) {
                throw TablesException.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                        + d.ttlAttribute());
            }
            return d.withTimeToLive(attribute, enabled ? "ENABLED" : "DISABLED");
        });
    }

    public TableDefinition describeTimeToLive(String name) {
        return catalog.existing(name).definition();
    }

    public CompletableFuture<TableDefinition> updateContinuousBackups(String name, boolean enabled) {
        Table table = backupTable(name);
        long now = settings.clock().millis();
        return catalog.change(table, d -> d.withPointInTimeRecovery(enabled, enabled ? now : 0));
    }

    public TableDefinition describeContinuousBackups(String name) {
        return backupTable(name).definition();
    }

    private Table backupTable(String name) {
        try {
            return catalog.existing(name);
        } catch (TablesException e) {
            throw new TablesException(TablesError.TableNotFoundException, "Table not found: " + name);
        }
    }

    // ---- items

    public CompletableFuture<ItemRequests.Written> putItem(ItemRequests.Put request) {
        return writes.put(request);
    }

    public CompletableFuture<ItemRequests.Written> updateItem(ItemRequests.Update request) {
        return writes.update(request);
    }

    public CompletableFuture<ItemRequests.Written> deleteItem(ItemRequests.Delete request) {
        return writes.delete(request);
    }

    /** The item (projected), or null, and the capacity read. */
    public CompletableFuture<Map.Entry<Map<String, AttributeValue>, Consumed>> getItem(ItemRequests.Get request) {
        Table table = catalog.active(request.table());
        Keys.checkKey(table.key(), request.key());
        Map<String, AttributeValue> item = table.item(table.key().storageKey(request.key()));
        Consumed consumed = Consumed.read(table.name(), Consumed.readUnits(item == null ? 0
                : wildrydes.tables.item.Values.itemSize(item), request.consistent()));
        Map<String, AttributeValue> answer = item == null || request.projection() == null ? item
                : wildrydes.tables.expr.Paths.project(item, request.projection());
        return afterDurable(new java.util.AbstractMap.SimpleImmutableEntry<>(answer, consumed));
    }

    public CompletableFuture<ReadRequests.Page> query(ReadRequests.Query request) {
        return afterDurable(queries.query(request));
    }

    public CompletableFuture<ReadRequests.Page> scan(ReadRequests.Scan request) {
        return afterDurable(queries.scan(request));
    }

    public CompletableFuture<BatchRequests.GetResult> batchGetItem(Map<String, BatchRequests.TableKeys> request) {
        return afterDurable(batches.get(request));
    }

    public CompletableFuture<List<Consumed>> batchWriteItem(Map<String, List<BatchRequests.WriteRequest>> request) {
        return batches.write(request);
    }

    public CompletableFuture<List<Consumed>> transactWriteItems(List<BatchRequests.TransactAction> actions) {
        return transactions.write(actions);
    }

    public CompletableFuture<List<Map<String, AttributeValue>>> transactGetItems(List<ItemRequests.Get> gets) {
        return afterDurable(new ArrayList<>(transactions.get(gets)));
    }

    /** Answers a read only once everything it may have seen is durable. */
    private <T> CompletableFuture<T> afterDurable(T value) {
        return store.durable().thenApply(v -> value);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
