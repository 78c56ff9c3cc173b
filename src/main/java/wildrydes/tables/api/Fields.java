package wildrydes.tables.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request members that many operations share, declared once. */
final class Fields {
    static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";
    static final String[] COMPARISON_OPERATORS = {"IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE",
        "BEGINS_WITH", "GE", "CONTAINS"};

    private Fields() {
    }

    static Map<String, Field> of(Field... fields) {
        Map<String, Field> map = new LinkedHashMap<>();
        for (Field f : fields) {
            map.put(f.name, f);
        }
        return map;
    }

    /** TableName of an item operation: a name or a table ARN. */
    static Field tableName() {
        return Field.string("TableName").notNull().patternWhenNotEmpty(NAME_PATTERN).length(1, 255).orArn();
    }

    /** TableName of a table operation (CreateTable, DeleteTable, ...). */
    static Field tableNameRequired() {
        return Field.string("TableName").required().pattern(NAME_PATTERN).length(3, 255).orArn();
    }

    static Field indexName() {
        return Field.string("IndexName").pattern(NAME_PATTERN).length(3, 255);
    }

    static Field returnConsumedCapacity() {
        return Field.string("ReturnConsumedCapacity").oneOf("INDEXES", "TOTAL", "NONE");
    }

    static Field returnItemCollectionMetrics() {
        return Field.string("ReturnItemCollectionMetrics").oneOf("SIZE", "NONE");
    }

    static Field returnValues() {
        return Field.string("ReturnValues").oneOf("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW");
    }

    static Field returnValuesOnConditionCheckFailure() {
        return Field.string("ReturnValuesOnConditionCheckFailure").oneOf("ALL_OLD", "NONE");
    }

    static Field conditionalOperator() {
        return Field.string("ConditionalOperator").oneOf("OR", "AND");
    }

    static Field expected() {
        return Field.map("Expected", "ExpectedAttributeValue", Field.struct("member", "ExpectedAttributeValue",
                Field.list("AttributeValueList", Field.attribute("member")),
                Field.string("ComparisonOperator").oneOf(COMPARISON_OPERATORS),
                Field.bool("Exists"),
                Field.attribute("Value")));
    }

    /** QueryFilter, ScanFilter, KeyConditions: attribute name to Condition. */
    static Field conditions(String name) {
        return Field.map(name, "Condition", Field.struct("member", "Condition",
                Field.list("AttributeValueList", Field.attribute("member")),
                Field.string("ComparisonOperator").notNull().oneOf(COMPARISON_OPERATORS)));
    }

    static Field key() {
        return Field.attributeMap("Key").notNull();
    }

    static Field expressionAttributeValues() {
        return Field.attributeMap("ExpressionAttributeValues");
    }

    static Field expressionAttributeNames() {
        return Field.map("ExpressionAttributeNames", "java.lang.String", Field.string("member"));
    }

    static Field attributesToGet() {
        return Field.list("AttributesToGet", Field.string("member")).length(1, 255);
    }

    static Field select() {
        return Field.string("Select").oneOf("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES");
    }

    static Field provisionedThroughput(String name) {
        return Field.struct(name, "ProvisionedThroughput",
                Field.longNumber("WriteCapacityUnits").notNull().min(1),
                Field.longNumber("ReadCapacityUnits").notNull().min(1));
    }

    static Field keySchema(boolean checkKeyType) {
        Field keyType = Field.string("KeyType").notNull();
        if (checkKeyType) {
            keyType.oneOf("HASH", "RANGE");
        }
        return Field.list("KeySchema", Field.struct("member", "KeySchemaElement",
                Field.string("AttributeName").notNull().length(1, 255), keyType)).notNull().length(1, 2);
    }

    static Field projection() {
        return Field.struct("Projection", "Projection",
                Field.string("ProjectionType").oneOf("ALL", "INCLUDE", "KEYS_ONLY"),
                Field.list("NonKeyAttributes", Field.string("member")).minLength(1)).notNull();
    }

    static Field tags() {
        return Field.list("Tags", Field.struct("member", "Tag",
                Field.string("Key").notNull().length(1, 128),
                Field.string("Value").notNull().length(0, 256)));
    }

    /** The table a TableName names: the name itself, or the name in a table ARN. */
    static String table(String nameOrArn) {
        if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
            int at = nameOrArn.indexOf(":table/");
            if (at >= 0) {
                String rest = nameOrArn.substring(at + ":table/".length());
                return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            }
        }
        return nameOrArn;
    }
}
