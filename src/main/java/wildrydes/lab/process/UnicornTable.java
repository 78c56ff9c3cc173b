package wildrydes.lab.process;

import java.io.PrintStream;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import wildrydes.lab.common.LabException;

/** The module's table: found, or created as the workshop creates it (Name HASH S, StatusTime RANGE S, on demand) and awaited. */
final class UnicornTable {
    private UnicornTable() {
    }

    /** The table's key attribute names, hash first; creates it (saying so) when missing and {@code create} is set. */
    static List<String> ensure(DynamoDbClient dynamo, String table, boolean create, PrintStream err) throws InterruptedException {
        TableDescription description;
        try {
            description = dynamo.describeTable(r -> r.tableName(table)).table();
        } catch (ResourceNotFoundException missing) {
            if (!create) {
                throw new LabException("Table " + table + " does not exist: create it (keys Name and StatusTime, both strings), or "
                        + "leave out -no-create-table");
            }
            err.println("process: table " + table + " does not exist; creating it (partition key Name, sort key StatusTime, "
                    + "both strings, on-demand capacity)");
            dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("Name").attributeType("S").build(),
                            AttributeDefinition.builder().attributeName("StatusTime").attributeType("S").build())
                    .keySchema(KeySchemaElement.builder().attributeName("Name").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("StatusTime").keyType(KeyType.RANGE).build()));
            description = dynamo.describeTable(r -> r.tableName(table)).table();
        }
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (description.tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new LabException("Table " + table + " is still " + description.tableStatus() + " after 5 minutes");
            }
            Thread.sleep(200);
            description = dynamo.describeTable(r -> r.tableName(table)).table();
        }
        return description.keySchema().stream().sorted((a, b) -> a.keyType() == KeyType.HASH ? -1 : b.keyType() == KeyType.HASH ? 1 : 0)
                .map(KeySchemaElement::attributeName).toList();
    }
}
