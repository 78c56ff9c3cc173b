package wildrydes.tables.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wildrydes.tables.IndexDefinition;
import wildrydes.tables.KeySchema;
import wildrydes.tables.TableDefinition;
import wildrydes.tables.TablesException;
import wildrydes.tables.Throughput;

/** CreateTable's own checks of key schemas, indexes and capacity, in DynamoDB's order and words. */
final class TableSchemas {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final long MAX_UNITS = 1_000_000_000_000L;

    private TableSchemas() {
    }

    record Checked(List<TableDefinition.AttributeDefinition> attributes, KeySchema key, List<IndexDefinition> indexes) {
    }

    static Checked check(Request r) {
        boolean onDemand = "PAY_PER_REQUEST".equals(r.string("BillingMode"));
        Map<String, Object> throughput = r.struct("ProvisionedThroughput");
        if (onDemand) {
            if (throughput != null) {
                throw TablesException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                        + "BillingMode is PAY_PER_REQUEST");
            }
        } else {
            if (throughput == null || throughput.get("ReadCapacityUnits") == null || throughput.get("WriteCapacityUnits") == null) {
                throw TablesException.validation(INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                        + "BillingMode is PROVISIONED");
            }
            checkBounds(throughput);
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<TableDefinition.AttributeDefinition> attributes = new ArrayList<>();
        for (Object o : r.list("AttributeDefinitions")) {
            Request a = Request.of(o);
            types.put(a.string("AttributeName"), a.string("AttributeType"));
            attributes.add(new TableDefinition.AttributeDefinition(a.string("AttributeName"), a.string("AttributeType")));
        }
        List<Object> keySchema = r.list("KeySchema");
        List<String> keys = names(keySchema);
        List<String> defined = new ArrayList<>(types.keySet());
        if (keys.size() > attributes.size()) {
            throw TablesException.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        checkDefined(keys, defined);
        checkKeyTypes(keySchema, keys);
        List<Object> locals = r.list("LocalSecondaryIndexes");
        List<Object> globals = r.list("GlobalSecondaryIndexes");
        if (locals == null && globals == null && keys.size() != attributes.size()) {
            throw TablesException.validation(INVALID + "Number of attributes in KeySchema does not exactly match number of attributes "
                    + "defined in AttributeDefinitions");
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        if (locals != null) {
            if (locals.isEmpty()) {
                throw TablesException.validation(INVALID + "List of LocalSecondaryIndexes is empty");
            }
            if (keys.size() != 2) {
                throw TablesException.validation(INVALID + "Table KeySchema does not have a range key, which is required when specifying "
                        + "a LocalSecondaryIndex");
            }
            for (Object o : locals) {
                Request i = Request.of(o);
                List<Object> indexKey = i.list("KeySchema");
                List<String> indexKeys = names(indexKey);
                checkDefined(indexKeys, defined);
                checkKeyTypes(indexKey, indexKeys);
                if (indexKeys.size() != 2) {
                    throw TablesException.validation(INVALID + "Index KeySchema does not have a range key for index: " + i.string("IndexName"));
                }
                if (!indexKeys.get(0).equals(keys.get(0))) {
                    throw TablesException.validation(INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema "
                            + "for index: " + i.string("IndexName") + ". index hash key: " + indexKeys.get(0) + ", table hash key: " + keys.get(0));
                }
                checkProjection(i);
                if (!indexNames.add(i.string("IndexName"))) {
                    throw TablesException.validation(INVALID + "Duplicate index name: " + i.string("IndexName"));
                }
                indexes.add(CreateTable.index(i, false, types));
            }
            if (locals.size() > 5) {
                throw TablesException.validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
            }
        }
        if (globals != null) {
            if (globals.isEmpty()) {
                throw TablesException.validation(INVALID + "List of GlobalSecondaryIndexes is empty");
            }
            for (Object o : globals) {
                Request i = Request.of(o);
                List<Object> indexKey = i.list("KeySchema");
                List<String> indexKeys = names(indexKey);
                checkDefined(indexKeys, defined);
                checkKeyTypes(indexKey, indexKeys);
                checkProjection(i);
                if (onDemand && i.has("ProvisionedThroughput")) {
                    throw TablesException.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
                            + i.string("IndexName") + " when BillingMode is PAY_PER_REQUEST");
                }
                if (!onDemand && !i.has("ProvisionedThroughput")) {
                    throw TablesException.validation(INVALID + "ProvisionedThroughput must be specified for index: " + i.string("IndexName"));
                }
                if (i.has("ProvisionedThroughput")) {
                    checkBounds(i.struct("ProvisionedThroughput"));
                }
                if (!indexNames.add(i.string("IndexName"))) {
                    throw TablesException.validation(INVALID + "Duplicate index name: " + i.string("IndexName"));
                }
                indexes.add(CreateTable.index(i, true, types));
            }
            if (globals.size() > 20) {
                throw TablesException.validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
            }
        }
        Set<String> usedNames = new HashSet<>(keys);
        indexes.forEach(i -> {
            usedNames.add(i.key().hashName());
            if (i.key().hasRange()) {
                usedNames.add(i.key().rangeName());
            }
        });
        if (usedNames.size() != attributes.size()) {
            throw TablesException.validation(INVALID + "Number of attributes in KeySchema does not exactly match number of attributes "
                    + "defined in AttributeDefinitions");
        }
        return new Checked(attributes, CreateTable.keySchema(keySchema, types), indexes);
    }

    private static List<String> names(List<Object> keySchema) {
        return keySchema.stream().map(o -> Request.of(o).string("AttributeName")).toList();
    }

    private static void checkDefined(List<String> keys, List<String> defined) {
        if (keys.stream().anyMatch(k -> !defined.contains(k))) {
            throw TablesException.validation(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                    + String.join(", ", keys) + "], AttributeDefinitions: [" + String.join(", ", defined) + "]");
        }
    }

    private static void checkKeyTypes(List<Object> keySchema, List<String> keys) {
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw TablesException.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(Request.of(keySchema.get(0)).string("KeyType"))) {
            throw TablesException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keySchema.size() > 1 && !"RANGE".equals(Request.of(keySchema.get(1)).string("KeyType"))) {
            throw TablesException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
    }

    private static void checkProjection(Request index) {
        Request projection = Request.of(index.struct("Projection"));
        String type = projection.string("ProjectionType");
        if (type == null) {
            throw TablesException.validation(INVALID + "Unknown ProjectionType: null");
        }
        if (projection.has("NonKeyAttributes") && !type.equals("INCLUDE")) {
            throw TablesException.validation(INVALID + "ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
    }

    private static void checkBounds(Map<String, Object> throughput) {
        for (String field : List.of("ReadCapacityUnits", "WriteCapacityUnits")) {
            Long units = (Long) throughput.get(field);
            if (units != null && units > MAX_UNITS) {
                throw TablesException.validation("Given value " + units + " for " + field + " is out of bounds");
            }
        }
    }

    static Throughput throughput(Map<String, Object> struct) {
        return Throughput.of((Long) struct.get("ReadCapacityUnits"), (Long) struct.get("WriteCapacityUnits"));
    }
}
