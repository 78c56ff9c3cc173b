package wildrydes.tables;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wildrydes.tables.expr.Evaluator;
import wildrydes.tables.expr.ExpressionException;
import wildrydes.tables.expr.Paths;
import wildrydes.tables.expr.UpdatePlan;
import wildrydes.tables.expr.Updates;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.ItemCodec;
import wildrydes.tables.item.Values;
import wildrydes.tables.storage.Mutation;
import wildrydes.tables.storage.TableStore;

/**
 * PutItem, UpdateItem and DeleteItem: under the table's write lock, read the item, check the
 * condition, compute the new item, apply it to storage and the indexes; the answer waits until
 * the change is durable, outside the lock, so concurrent writers share a commit.
 */
final class ItemWrites {
    private final TableStore store;
    private final TableCatalog catalog;

    ItemWrites(TableStore store, TableCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    CompletableFuture<ItemRequests.Written> put(ItemRequests.Put request) {
        Table table = catalog.active(request.table());
        Keys.checkItem(table.definition(), request.item());
        byte[] key = table.key().storageKey(request.item());
        return write(table, key, request.condition(), request.returnOldOnFailure(), old -> request.item(),
                (old, now) -> "ALL_OLD".equals(request.returnValues()) ? old : null);
    }

    CompletableFuture<ItemRequests.Written> delete(ItemRequests.Delete request) {
        Table table = catalog.active(request.table());
        Keys.checkKey(table.key(), request.key());
        byte[] key = table.key().storageKey(request.key());
        return write(table, key, request.condition(), request.returnOldOnFailure(), old -> null,
                (old, now) -> "ALL_OLD".equals(request.returnValues()) ? old : null);
    }

    CompletableFuture<ItemRequests.Written> update(ItemRequests.Update request) {
        Table table = catalog.active(request.table());
        Keys.checkKey(table.key(), request.key());
        checkPlan(table.definition(), request.plan());
        byte[] key = table.key().storageKey(request.key());
        return write(table, key, request.condition(), request.returnOldOnFailure(),
                old -> updated(table.definition(), request, old),
                (old, now) -> switch (request.returnValues() == null ? "NONE" : request.returnValues()) {
                    case "ALL_OLD" -> old;
                    case "ALL_NEW" -> now;
                    case "UPDATED_OLD" -> old == null ? null : Paths.project(old, request.plan().paths());
                    case "UPDATED_NEW" -> Paths.project(now, request.plan().paths());
                    default -> null;
                });
    }

    /** The item an update makes: the old item (or just the key) with the actions applied, checked. */
    static Map<String, AttributeValue> updated(TableDefinition table, ItemRequests.Update request, Map<String, AttributeValue> old) {
        Map<String, AttributeValue> base = old != null ? old : request.key();
        Map<String, AttributeValue> next;
        try {
            next = Updates.apply(request.plan(), base);
        } catch (ExpressionException e) {
            boolean typeError = e.getMessage().equals("An operand in the update expression has an incorrect data type");
            throw TablesException.validation(request.legacy() && typeError ? "Type mismatch for attribute to update" : e.getMessage());
        }
        if (Values.itemSize(next) > Values.MAX_ITEM_BYTES) {
            throw TablesException.validation("Item size to update has exceeded the maximum allowed size");
        }
        Keys.checkIndexKeys(table, next);
        return next;
    }

    /** The checks of an update that need the table: it may not touch key attributes, nor nest into index keys. */
    static void checkPlan(TableDefinition table, UpdatePlan plan) {
        KeySchema key = table.key();
        for (String head : plan.heads()) {
            if (key.isKeyAttribute(head)) {
                throw TablesException.validation("One or more parameter values were invalid: Cannot update attribute " + head
                        + ". This attribute is part of the key");
            }
        }
        for (IndexDefinition index : table.indexes()) {
            for (String head : plan.nestedHeads()) {
                if (index.key().isKeyAttribute(head)) {
                    throw TablesException.validation("Key attributes must be scalars; list random access '[]' and map lookup '.' "
                            + "are not allowed: IndexKey: " + head);
                }
            }
        }
    }

    interface Change {
        Map<String, AttributeValue> apply(Map<String, AttributeValue> old);
    }

    interface Answer {
        Map<String, AttributeValue> attributes(Map<String, AttributeValue> old, Map<String, AttributeValue> now);
    }

    private CompletableFuture<ItemRequests.Written> write(Table table, byte[] key, wildrydes.tables.expr.Condition condition,
                                                          boolean returnOldOnFailure, Change change, Answer answer) {
        Map<String, AttributeValue> old;
        Map<String, AttributeValue> now;
        CompletableFuture<Void> durable;
        table.writeLock.lock();
        try {
            old = table.item(key);
            if (condition != null && !Evaluator.matches(condition, old == null ? Map.of() : old)) {
                throw TablesException.conditionFailed(returnOldOnFailure ? old : null);
            }
            now = change.apply(old);
            if (now == null && old == null) {
                durable = store.durable();
            } else {
                String keyspace = table.definition().keyspace();
                Mutation mutation = now == null ? new Mutation.Delete(keyspace, key) : new Mutation.Put(keyspace, key, ItemCodec.encode(now));
                durable = store.apply(List.of(mutation));
                table.indexChange(old, now, key);
            }
        } finally {
            table.writeLock.unlock();
        }
        Map<String, AttributeValue> attributes = answer.attributes(old, now);
        Consumed consumed = Consumed.write(table, old, now);
        return durable.thenApply(v -> new ItemRequests.Written(attributes == null || attributes.isEmpty() ? null : attributes, consumed));
    }
}
