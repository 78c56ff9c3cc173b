package wildrydes.tables.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wildrydes.tables.sdk.TablesServer.definition;
import static wildrydes.tables.sdk.TablesServer.item;
import static wildrydes.tables.sdk.TablesServer.key;
import static wildrydes.tables.sdk.TablesServer.n;
import static wildrydes.tables.sdk.TablesServer.s;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The table operations through the AWS SDK for Java v2, against a server in memory or on disk. */
abstract class TableOperationsContract {
    TablesServer tables;
    DynamoDbClient ddb;

    abstract TablesServer start();

    @BeforeEach
    void setUp() {
        tables = start();
        ddb = tables.ddb;
    }

    @AfterEach
    void tearDown() {
        tables.close();
    }

    @Test
    void theLabsTableIsCreatedDescribedListedAndDeleted() {
        TableDescription created = ddb.createTable(r -> r.tableName("UnicornSensorData")
                .attributeDefinitions(definition("Name", "S"), definition("StatusTime", "S"))
                .keySchema(key("Name", KeyType.HASH), key("StatusTime", KeyType.RANGE))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))).tableDescription();
        assertThat(created.tableStatus()).isEqualTo(TableStatus.CREATING);
        assertThat(created.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/UnicornSensorData");
        tables.awaitActive("UnicornSensorData");
        TableDescription described = ddb.describeTable(r -> r.tableName("UnicornSensorData")).table();
        assertThat(described.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(described.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("Name:HASH", "StatusTime:RANGE");
        assertThat(described.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(ddb.listTables().tableNames()).containsExactly("UnicornSensorData");
        assertThatThrownBy(() -> tables.createTable("UnicornSensorData", "Name", "S", null, null))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("Table already exists: UnicornSensorData");

        tables.restart();
        ddb = tables.ddb;
        if (tables.durable()) {
            assertThat(ddb.describeTable(r -> r.tableName("UnicornSensorData")).table().tableId()).isEqualTo(described.tableId());
            assertThat(ddb.deleteTable(r -> r.tableName("UnicornSensorData")).tableDescription().tableStatus())
                    .isEqualTo(TableStatus.DELETING);
            tables.awaitGone("UnicornSensorData");
        }
        assertThatThrownBy(() -> ddb.describeTable(r -> r.tableName("UnicornSensorData")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Table: UnicornSensorData not found");
    }

    @Test
    void listTablesPagesInNameOrder() {
        for (String name : List.of("ccc", "aaa", "bbb", "ddd")) {
            ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(definition("id", "S")).keySchema(key("id", KeyType.HASH)));
        }
        var first = ddb.listTables(r -> r.limit(3));
        assertThat(first.tableNames()).containsExactly("aaa", "bbb", "ccc");
        assertThat(first.lastEvaluatedTableName()).isEqualTo("ccc");
        var second = ddb.listTables(r -> r.limit(3).exclusiveStartTableName("ccc"));
        assertThat(second.tableNames()).containsExactly("ddd");
        assertThat(second.lastEvaluatedTableName()).isNull();
        assertThat(ddb.listTablesPaginator(r -> r.limit(1)).tableNames()).containsExactly("aaa", "bbb", "ccc", "ddd");
    }

    @Test
    void indexesAreBuiltFromExistingItemsAndQueried() {
        ddb.createTable(r -> r.tableName("leases").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition("leaseKey", "S"), definition("count", "N"))
                .keySchema(key("leaseKey", KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byCount")
                        .keySchema(key("count", KeyType.HASH)).projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build()));
        tables.awaitActive("leases");
        for (int i = 0; i < 6; i++) {
            int n = i;
            ddb.putItem(r -> r.tableName("leases").item(item("leaseKey", s("shard-" + n), "owner", s(n % 2 == 0 ? "a" : "b"),
                    "count", n("1"))));
        }
        ddb.updateTable(r -> r.tableName("leases").attributeDefinitions(definition("owner", "S"), definition("leaseKey", "S"))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byOwner")
                        .keySchema(key("owner", KeyType.HASH), key("leaseKey", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))).build()));
        tables.awaitActive("leases");
        var owned = ddb.query(r -> r.tableName("leases").indexName("byOwner").keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s("a")))).items();
        assertThat(TablesServer.strings(owned, "leaseKey")).containsExactly("shard-0", "shard-2", "shard-4");
        assertThat(owned.getFirst()).containsOnlyKeys("leaseKey", "owner");
        tables.restart();
        ddb = tables.ddb;
        if (tables.durable()) {
            var afterRestart = ddb.query(r -> r.tableName("leases").indexName("byOwner").keyConditionExpression("#o = :o")
                    .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s("b")))).items();
            assertThat(TablesServer.strings(afterRestart, "leaseKey")).as("index rebuilt at start").containsExactly("shard-1", "shard-3", "shard-5");
            ddb.updateTable(r -> r.tableName("leases").globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                    .delete(d -> d.indexName("byCount")).build()));
            tables.awaitActive("leases");
            assertThat(ddb.describeTable(r -> r.tableName("leases")).table().globalSecondaryIndexes())
                    .extracting(i -> i.indexName()).containsExactly("byOwner");
        }
    }

    @Test
    void localIndexesOrderAPartitionByAnotherKey() {
        ddb.createTable(r -> r.tableName("rides").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition("Name", "S"), definition("StatusTime", "S"), definition("Distance", "N"))
                .keySchema(key("Name", KeyType.HASH), key("StatusTime", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byDistance")
                        .keySchema(key("Name", KeyType.HASH), key("Distance", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        tables.awaitActive("rides");
        String[][] rows = {{"t1", "30"}, {"t2", "-5"}, {"t3", "100"}, {"t4", "7.5"}};
        for (String[] row : rows) {
            ddb.putItem(r -> r.tableName("rides").item(item("Name", s("Shadowfax"), "StatusTime", s(row[0]), "Distance", n(row[1]))));
        }
        var byDistance = ddb.query(r -> r.tableName("rides").indexName("byDistance").consistentRead(true)
                .keyConditionExpression("#n = :n").expressionAttributeNames(Map.of("#n", "Name"))
                .expressionAttributeValues(Map.of(":n", s("Shadowfax")))).items();
        assertThat(TablesServer.strings(byDistance, "StatusTime")).containsExactly("t2", "t4", "t1", "t3");
    }

    @Test
    void billingModeAndCapacityChange() {
        tables.createTable("billing", "id", "S", null, null);
        TableDescription updated = ddb.updateTable(r -> r.tableName("billing").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L))).tableDescription();
        assertThat(updated.tableStatus()).isEqualTo(TableStatus.UPDATING);
        tables.awaitActive("billing");
        TableDescription described = ddb.describeTable(r -> r.tableName("billing")).table();
        assertThat(described.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(described.provisionedThroughput().writeCapacityUnits()).isEqualTo(4L);
        assertThatThrownBy(() -> ddb.updateTable(r -> r.tableName("billing").provisionedThroughput(p -> p.readCapacityUnits(3L)
                .writeCapacityUnits(4L)))).hasMessageContaining("The provisioned throughput for the table will not change");
    }

    @Test
    void tagsTimeToLiveAndBackupsAreKept() {
        tables.createTable("tagged", "id", "S", null, null);
        String arn = ddb.describeTable(r -> r.tableName("tagged")).table().tableArn();
        ddb.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("lab").value("wildrydes").build(),
                Tag.builder().key("module").value("4").build()));
        ddb.untagResource(r -> r.resourceArn(arn).tagKeys("module"));
        ddb.updateTimeToLive(r -> r.tableName("tagged").timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
        ddb.updateContinuousBackups(r -> r.tableName("tagged").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        tables.restart();
        ddb = tables.ddb;
        if (tables.durable()) {
            assertThat(ddb.listTagsOfResource(r -> r.resourceArn(arn)).tags()).extracting(t -> t.key() + "=" + t.value())
                    .containsExactly("lab=wildrydes");
            assertThat(ddb.describeTimeToLive(r -> r.tableName("tagged")).timeToLiveDescription().timeToLiveStatus())
                    .isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ddb.describeContinuousBackups(r -> r.tableName("tagged")).continuousBackupsDescription()
                    .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
            long past = System.currentTimeMillis() / 1000 - 60;
            ddb.putItem(r -> r.tableName("tagged").item(item("id", s("old"), "expires", n(Long.toString(past)))));
            ddb.putItem(r -> r.tableName("tagged").item(item("id", s("new"), "expires", n(Long.toString(past + 3600)))));
            assertThat(tables.server.tables().sweepExpiredItems()).isEqualTo(1);
            assertThat(ddb.getItem(r -> r.tableName("tagged").key(item("id", s("old"))).consistentRead(true)).hasItem()).isFalse();
            assertThat(ddb.getItem(r -> r.tableName("tagged").key(item("id", s("new")))).hasItem()).isTrue();
        }
        assertThat(ddb.describeLimits().tableMaxWriteCapacityUnits()).isEqualTo(40000L);
    }
}
