package wildrydes.tables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.expr.Paths;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.ItemCodec;
import wildrydes.tables.storage.Mutation;
import wildrydes.tables.storage.TableStore;

/**
 * BatchGetItem and BatchWriteItem. A batch write applies each table's requests as one storage
 * batch (so 25 puts share one commit), and leaves nothing unprocessed: this server has no
 * partitions to throttle.
 */
final class Batches {
    private final TableStore store;
    private final TableCatalog catalog;

    Batches(TableStore store, TableCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    BatchRequests.GetResult get(Map<String, BatchRequests.TableKeys> request) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : request.keySet()) {
            tables.put(name, catalog.active(name));
        }
        Map<String, List<Map<String, AttributeValue>>> items = new LinkedHashMap<>();
        List<Consumed> consumed = new ArrayList<>();
        for (Map.Entry<String, BatchRequests.TableKeys> e : request.entrySet()) {
            Table table = tables.get(e.getKey());
            BatchRequests.TableKeys keys = e.getValue();
            for (Map<String, AttributeValue> key : keys.keys()) {
                Keys.checkKey(table.key(), key);
            }
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            double units = 0;
            for (Map<String, AttributeValue> key : keys.keys()) {
                Map<String, AttributeValue> item = table.item(table.key().storageKey(key));
                units += Consumed.readUnits(item == null ? 0 : wildrydes.tables.item.Values.itemSize(item), keys.consistent());
                if (item != null) {
                    found.add(keys.projection() == null ? item : Paths.project(item, keys.projection()));
                }
            }
            items.put(e.getKey(), found);
            consumed.add(Consumed.read(e.getKey(), units));
        }
        return new BatchRequests.GetResult(items, consumed);
    }

    CompletableFuture<List<Consumed>> write(Map<String, List<BatchRequests.WriteRequest>> request) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : request.keySet()) {
            tables.put(name, catalog.active(name));
        }
        for (Map.Entry<String, List<BatchRequests.WriteRequest>> e : request.entrySet()) {
            Table table = tables.get(e.getKey());
            Set<String> seen = new HashSet<>();
            for (BatchRequests.WriteRequest r : e.getValue()) {
                if (r.isPut()) {
                    Keys.checkItem(table.definition(), r.item());
                } else {
                    Keys.checkKey(table.key(), r.key());
                }
                byte[] key = table.key().storageKey(r.isPut() ? r.item() : r.key());
                if (!seen.add(java.util.HexFormat.of().formatHex(key))) {
                    throw TablesException.validation("Provided list of item keys contains duplicates");
                }
            }
        }
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        List<Consumed> consumed = new ArrayList<>();
        for (Map.Entry<String, List<BatchRequests.WriteRequest>> e : request.entrySet()) {
            Table table = tables.get(e.getKey());
            Consumed total = null;
            table.writeLock.lock();
            try {
                String keyspace = table.definition().keyspace();
                List<Mutation> mutations = new ArrayList<>();
                List<Runnable> indexChanges = new ArrayList<>();
                for (BatchRequests.WriteRequest r : e.getValue()) {
                    byte[] key = table.key().storageKey(r.isPut() ? r.item() : r.key());
                    Map<String, AttributeValue> old = table.item(key);
                    Map<String, AttributeValue> now = r.isPut() ? r.item() : null;
                    mutations.add(now == null ? new Mutation.Delete(keyspace, key) : new Mutation.Put(keyspace, key, ItemCodec.encode(now)));
                    indexChanges.add(() -> table.indexChange(old, now, key));
                    Consumed c = Consumed.write(table, old, now);
                    total = total == null ? c : total.plus(c);
                }
                durable.add(store.apply(mutations));
                indexChanges.forEach(Runnable::run);
            } finally {
                table.writeLock.unlock();
            }
            consumed.add(total);
        }
        return CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).thenApply(v -> consumed);
    }
}
