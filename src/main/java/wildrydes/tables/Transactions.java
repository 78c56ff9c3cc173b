package wildrydes.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.expr.Condition;
import wildrydes.tables.expr.Evaluator;
import wildrydes.tables.expr.Paths;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.ItemCodec;
import wildrydes.tables.storage.Mutation;
import wildrydes.tables.storage.TableStore;

/**
 * TransactWriteItems and TransactGetItems: every table involved is locked (in name order, so
 * transactions never deadlock), every condition checked, and then all the changes go to storage
 * as one atomic batch, or none do and the answer lists why, action by action.
 */
final class Transactions {
    private final TableStore store;
    private final TableCatalog catalog;

    Transactions(TableStore store, TableCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    private record Target(Table table, byte[] key) {
    }

    CompletableFuture<List<Consumed>> write(List<BatchRequests.TransactAction> actions) {
        Map<String, Table> tables = new TreeMap<>();
        for (BatchRequests.TransactAction a : actions) {
            tables.put(a.table(), catalog.active(a.table()));
        }
        List<Target> targets = new ArrayList<>();
        List<TablesException.CancellationReason> invalid = new ArrayList<>();
        boolean anyInvalid = false;
        Set<String> seen = new HashSet<>();
        for (BatchRequests.TransactAction a : actions) {
            Table table = tables.get(a.table());
            Map<String, AttributeValue> keySource = a.put() != null ? a.put().item() : a.update() != null ? a.update().key()
                    : a.delete() != null ? a.delete().key() : a.check().key();
            try {
                if (a.put() != null) {
                    Keys.checkItem(table.definition(), a.put().item());
                } else {
                    Keys.checkKey(table.key(), keySource);
                }
                if (a.update() != null) {
                    ItemWrites.checkPlan(table.definition(), a.update().plan());
                }
                invalid.add(new TablesException.CancellationReason("None", null, null));
            } catch (TablesException e) {
                invalid.add(new TablesException.CancellationReason("ValidationError", e.getMessage(), null));
                anyInvalid = true;
                targets.add(null);
                continue;
            }
            byte[] key = table.key().storageKey(keySource);
            if (!seen.add(a.table() + "\u0000" + java.util.HexFormat.of().formatHex(key))) {
                throw TablesException.validation("Transaction request cannot include multiple operations on one item");
            }
            targets.add(new Target(table, key));
        }
        if (anyInvalid) {
            throw cancelled(invalid);
        }
        List<Table> locked = new ArrayList<>(tables.values());
        locked.sort(Comparator.comparing(Table::name));
        locked.forEach(t -> t.writeLock.lock());
        try {
            List<TablesException.CancellationReason> reasons = new ArrayList<>();
            List<Map<String, AttributeValue>> olds = new ArrayList<>();
            List<Map<String, AttributeValue>> news = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < actions.size(); i++) {
                BatchRequests.TransactAction a = actions.get(i);
                Target t = targets.get(i);
                Map<String, AttributeValue> old = t.table().item(t.key());
                olds.add(old);
                Condition condition = a.put() != null ? a.put().condition() : a.update() != null ? a.update().condition()
                        : a.delete() != null ? a.delete().condition() : a.check().condition();
                boolean returnOld = a.put() != null ? a.put().returnOldOnFailure() : a.update() != null ? a.update().returnOldOnFailure()
                        : a.delete() != null ? a.delete().returnOldOnFailure() : a.check().returnOldOnFailure();
                if (condition != null && !Evaluator.matches(condition, old == null ? Map.of() : old)) {
                    reasons.add(new TablesException.CancellationReason("ConditionalCheckFailed", "The conditional request failed",
                            returnOld ? old : null));
                    news.add(null);
                    failed = true;
                    continue;
                }
                try {
                    news.add(a.put() != null ? a.put().item() : a.update() != null ? ItemWrites.updated(t.table().definition(), a.update(), old)
                            : a.delete() != null ? null : old);
                    reasons.add(new TablesException.CancellationReason("None", null, null));
                } catch (TablesException e) {
                    reasons.add(new TablesException.CancellationReason("ValidationError", e.getMessage(), null));
                    news.add(null);
                    failed = true;
                }
            }
            if (failed) {
                throw cancelled(reasons);
            }
            List<Mutation> mutations = new ArrayList<>();
            Map<String, Consumed> consumed = new LinkedHashMap<>();
            for (int i = 0; i < actions.size(); i++) {
                Target t = targets.get(i);
                Map<String, AttributeValue> old = olds.get(i);
                Map<String, AttributeValue> now = news.get(i);
                String keyspace = t.table().definition().keyspace();
                if (actions.get(i).check() == null) {
                    mutations.add(now == null ? new Mutation.Delete(keyspace, t.key()) : new Mutation.Put(keyspace, t.key(), ItemCodec.encode(now)));
                }
                // A transactional write costs twice a plain one, as in DynamoDB.
                Consumed c = actions.get(i).check() == null ? Consumed.write(t.table(), old, now)
                        : Consumed.read(t.table().name(), Consumed.readUnits(old == null ? 0 : wildrydes.tables.item.Values.itemSize(old), true));
                Consumed doubled = new Consumed(c.table(), c.tableUnits() * 2, c.globalIndexes(), c.localIndexes(), c.write());
                consumed.merge(t.table().name(), doubled, Consumed::plus);
            }
            CompletableFuture<Void> durable = store.apply(mutations);
            for (int i = 0; i < actions.size(); i++) {
                if (actions.get(i).check() == null) {
                    targets.get(i).table().indexChange(olds.get(i), news.get(i), targets.get(i).key());
                }
            }
            return durable.thenApply(v -> new ArrayList<>(consumed.values()));
        } finally {
            locked.forEach(t -> t.writeLock.unlock());
        }
    }

    /** The items, in order (null where there is none); reads wait for no lock, as a snapshot of committed state. */
    List<Map<String, AttributeValue>> get(List<ItemRequests.Get> gets) {
        List<Table> tables = new ArrayList<>();
        for (ItemRequests.Get g : gets) {
            tables.add(catalog.active(g.table()));
        }
        List<TablesException.CancellationReason> reasons = new ArrayList<>();
        boolean invalid = false;
        for (int i = 0; i < gets.size(); i++) {
            try {
                Keys.checkKey(tables.get(i).key(), gets.get(i).key());
                reasons.add(new TablesException.CancellationReason("None", null, null));
            } catch (TablesException e) {
                reasons.add(new TablesException.CancellationReason("ValidationError", e.getMessage(), null));
                invalid = true;
            }
        }
        if (invalid) {
            throw cancelled(reasons);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < gets.size(); i++) {
            Map<String, AttributeValue> item = tables.get(i).item(tables.get(i).key().storageKey(gets.get(i).key()));
            items.add(item == null || gets.get(i).projection() == null ? item : Paths.project(item, gets.get(i).projection()));
        }
        return items;
    }

    private static TablesException cancelled(List<TablesException.CancellationReason> reasons) {
        String codes = String.join(", ", reasons.stream().map(TablesException.CancellationReason::code).toList());
        return new TablesException(TablesError.TransactionCanceledException,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]", null, reasons);
    }
}
