package wildrydes.tables.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wildrydes.tables.sdk.TablesServer.item;
import static wildrydes.tables.sdk.TablesServer.n;
import static wildrydes.tables.sdk.TablesServer.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems through the AWS SDK for Java v2. */
abstract class BatchesAndTransactionsContract {
    TablesServer tables;
    DynamoDbClient ddb;

    abstract TablesServer start();

    @BeforeEach
    void setUp() {
        tables = start();
        ddb = tables.ddb;
        tables.createTable("UnicornSensorData", "Name", "S", "StatusTime", "S");
        tables.createTable("Counters", "id", "S", null, null);
    }

    @AfterEach
    void tearDown() {
        tables.close();
    }

    /** The lab function's logic: 25 items per BatchWriteItem, unprocessed items retried after 50 * 2^attempt ms. */
    void writeLikeTheLabFunction(List<Map<String, AttributeValue>> summaries) {
        for (int from = 0; from < summaries.size(); from += 25) {
            List<WriteRequest> chunk = summaries.subList(from, Math.min(from + 25, summaries.size())).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
            Map<String, List<WriteRequest>> pending = Map.of("UnicornSensorData", chunk);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = ddb.batchWriteItem(r -> r.requestItems(request)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                assertThat(response.consumedCapacity()).extracting(c -> c.tableName()).containsExactly("UnicornSensorData");
                pending = response.unprocessedItems();
                if (!pending.isEmpty()) {
                    TablesServer.sleep(50L << attempt);
                }
            }
        }
    }

    @Test
    void batchesOfTwentyFiveWriteEverySummaryAndBatchGetReadsThemBack() {
        List<Map<String, AttributeValue>> summaries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            summaries.add(item("Name", s(i % 2 == 0 ? "Shadowfax" : "Bucephalus"), "StatusTime", s(String.format("2018-03-18 03:%02d:00.000", i)),
                    "Distance", n(Integer.toString(300 + i)), "MinMagicPoints", n("170")));
        }
        writeLikeTheLabFunction(summaries);
        assertThat(ddb.scanPaginator(r -> r.tableName("UnicornSensorData")).items().stream().count()).isEqualTo(60);
        List<Map<String, AttributeValue>> keys = summaries.stream().limit(100)
                .map(i -> item("Name", i.get("Name"), "StatusTime", i.get("StatusTime"))).toList();
        var read = ddb.batchGetItem(r -> r.requestItems(Map.of("UnicornSensorData", KeysAndAttributes.builder().keys(keys)
                .projectionExpression("Distance").build())));
        assertThat(read.responses().get("UnicornSensorData")).hasSize(60).allSatisfy(i -> assertThat(i).containsOnlyKeys("Distance"));
        assertThat(read.unprocessedKeys()).isEmpty();
        tables.restart();
        ddb = tables.ddb;
        if (tables.durable()) {
            assertThat(ddb.scanPaginator(r -> r.tableName("UnicornSensorData")).items().stream().count()).isEqualTo(60);
        }
    }

    @Test
    void aTransactionAppliesEverythingOrNothing() {
        ddb.putItem(r -> r.tableName("Counters").item(item("id", s("rides"), "n", n("1"))));
        ddb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName("Counters").key(item("id", s("rides")))
                        .updateExpression("SET n = n + :one").conditionExpression("n = :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("UnicornSensorData")
                        .item(item("Name", s("Rocinante"), "StatusTime", s("t1")))).build()));
        assertThat(ddb.getItem(r -> r.tableName("Counters").key(item("id", s("rides")))).item().get("n").n()).isEqualTo("2");
        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("UnicornSensorData")
                        .item(item("Name", s("Rocinante"), "StatusTime", s("t2")))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("Counters").key(item("id", s("rides")))
                        .conditionExpression("n = :one").expressionAttributeValues(Map.of(":one", n("1")))
                        .returnValuesOnConditionCheckFailure("ALL_OLD")).build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Transaction cancelled, please refer cancellation reasons for specific reasons "
                            + "[None, ConditionalCheckFailed]");
                    assertThat(e.cancellationReasons()).extracting(c -> c.code()).containsExactly("None", "ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().get(1).item().get("n").n()).isEqualTo("2");
                });
        assertThat(ddb.getItem(r -> r.tableName("UnicornSensorData").key(item("Name", s("Rocinante"), "StatusTime", s("t2")))).hasItem())
                .as("nothing of a cancelled transaction is written").isFalse();
        var got = ddb.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("Counters").key(item("id", s("rides")))).build(),
                TransactGetItem.builder().get(g -> g.tableName("UnicornSensorData").key(item("Name", s("nobody"), "StatusTime", s("t")))).build()));
        assertThat(got.responses().get(0).item().get("n").n()).isEqualTo("2");
        assertThat(got.responses().get(1).hasItem()).isFalse();
        assertThatThrownBy(() -> ddb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName("Counters").key(item("id", s("rides")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("Counters").item(item("id", s("rides")))).build())))
                .hasMessageStartingWith("Transaction request cannot include multiple operations on one item");
    }
}
