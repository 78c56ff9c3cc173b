package wildrydes.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** UpdateTable's rules: what may change, in which state, and the new definition. */
final class TableChanges {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private TableChanges() {
    }

    static TableDefinition apply(TableDefinition table, TableChange change, long now) {
        if (!table.status().equals("ACTIVE")) {
            String doing = switch (table.status()) {
                case "CREATING" -> "created";
                case "DELETING" -> "deleted";
                default -> "updated";
            };
            throw new TablesException(TablesError.ResourceInUseException,
                    "Attempt to change a resource which is still in use: Table is being " + doing + ": " + table.name());
        }
        boolean onDemand = change.billingMode() == null ? table.onDemand() : change.billingMode().equals("PAY_PER_REQUEST");
        if (change.throughput() != null && onDemand) {
            throw TablesException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                    + "BillingMode is PAY_PER_REQUEST");
        }
        TableDefinition next = table;
        boolean updating = false;
        if (onDemand != table.onDemand()) {
            Throughput throughput = onDemand ? Throughput.ON_DEMAND : change.throughput();
            next = next.withCapacity(onDemand, onDemand ? now : table.onDemandSinceMillis(), throughput);
            updating = true;
        } else if (change.throughput() != null) {
            Throughput current = table.throughput();
            Throughput wanted = change.throughput();
            if (current.read() == wanted.read() && current.write() == wanted.write()) {
                throw TablesException.validation("The provisioned throughput for the table will not change. The requested value equals "
                        + "the current value. Current ReadCapacityUnits provisioned for the table: " + current.read()
                        + ". Requested ReadCapacityUnits: " + wanted.read() + ". Current WriteCapacityUnits provisioned for the table: "
                        + current.write() + ". Requested WriteCapacityUnits: " + wanted.write() + ". Refer to the Amazon DynamoDB "
                        + "Developer Guide for current limits and how to request higher limits.");
            }
            next = next.withCapacity(false, table.onDemandSinceMillis(), current.changedTo(wanted.read(), wanted.write(), now));
            updating = true;
        }
        if (change.indexChanges() != null && !change.indexChanges().isEmpty()) {
            next = indexes(next, change, onDemand, now);
            updating = true;
        } else if (!onDemand && table.onDemand()) {
            List<String> missing = table.globalIndexes().stream().map(IndexDefinition::name).toList();
            if (!missing.isEmpty()) {
                throw TablesException.validation(INVALID + "ProvisionedThroughput must be specified for index: " + String.join(",", missing));
            }
        }
        if (change.deletionProtection() != null) {
            next = next.withDeletionProtection(change.deletionProtection());
        }
        if (change.tableClass() != null) {
            next = next.withTableClass(change.tableClass());
            updating = true;
        }
        return updating ? next.withStatus("UPDATING") : next;
    }

    private static TableDefinition indexes(TableDefinition table, TableChange change, boolean onDemand, long now) {
        Map<String, IndexDefinition> indexes = new LinkedHashMap<>();
        table.indexes().forEach(i -> indexes.put(i.name(), i));
        Map<String, String> attributes = new LinkedHashMap<>();
        table.attributes().forEach(a -> attributes.put(a.name(), a.type()));
        if (change.attributes() != null) {
            for (TableDefinition.AttributeDefinition a : change.attributes()) {
                String existing = attributes.get(a.name());
                if (existing != null && !existing.equals(a.type())) {
                    throw TablesException.validation(INVALID + "Cannot change the type of attribute " + a.name() + " from "
                            + existing + " to " + a.type());
                }
                attributes.putIfAbsent(a.name(), a.type());
            }
        }
        for (TableChange.IndexChange c : change.indexChanges()) {
            IndexDefinition existing = indexes.get(c.indexName());
            switch (c.action()) {
                case "Create" -> {
                    if (existing != null) {
                        throw TablesException.validation(INVALID + "Attempting to create an index which already exists");
                    }
                    IndexDefinition created = c.created();
                    KeySchema key = created.key();
                    List<String> names = key.hasRange() ? List.of(key.hashName(), key.rangeName()) : List.of(key.hashName());
                    if (names.stream().anyMatch(n -> !attributes.containsKey(n))) {
                        throw TablesException.validation(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                                + String.join(", ", names) + "], AttributeDefinitions: [" + String.join(", ", attributes.keySet()) + "]");
                    }
                    if (onDemand && created.throughput() != null) {
                        throw TablesException.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
                                + created.name() + " when BillingMode is PAY_PER_REQUEST");
                    }
                    if (!onDemand && created.throughput() == null) {
                        throw TablesException.validation(INVALID + "ProvisionedThroughput must be specified for index: " + created.name());
                    }
                    KeySchema typed = new KeySchema(key.hashName(), attributes.get(key.hashName()), key.rangeName(),
                            key.hasRange() ? attributes.get(key.rangeName()) : null);
                    indexes.put(created.name(), new IndexDefinition(created.name(), true, typed, created.projectionType(),
                            created.nonKeyAttributes(), created.throughput() == null ? Throughput.ON_DEMAND : created.throughput(),
                            "CREATING", now));
                }
                case "Update" -> {
                    if (existing == null || !existing.global()) {
                        throw new TablesException(TablesError.ResourceNotFoundException, "Requested resource not found: Index: "
                                + c.indexName() + " not found");
                    }
                    if (onDemand) {
                        throw TablesException.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
                                + c.indexName() + " when BillingMode is PAY_PER_REQUEST");
                    }
                    Throughput t = existing.throughput().changedTo(c.throughput().read(), c.throughput().write(), now);
                    indexes.put(c.indexName(), existing.withThroughput(t).withStatus("UPDATING"));
                }
                default -> {
                    if (existing == null || !existing.global()) {
                        throw new TablesException(TablesError.ResourceNotFoundException, "Requested resource not found: Index: "
                                + c.indexName() + " not found");
                    }
                    indexes.put(c.indexName(), existing.withStatus("DELETING"));
                }
            }
        }
        // Attribute definitions keep only what a key of the table or an index still uses.
        List<IndexDefinition> list = new ArrayList<>(indexes.values());
        List<TableDefinition.AttributeDefinition> used = attributes.entrySet().stream()
                .filter(e -> table.key().isKeyAttribute(e.getKey())
                        || list.stream().anyMatch(i -> !i.status().equals("DELETING") && i.key().isKeyAttribute(e.getKey())))
                .map(e -> new TableDefinition.AttributeDefinition(e.getKey(), e.getValue()))
                .collect(Collectors.toList());
        return table.withIndexes(list, used);
    }
}
