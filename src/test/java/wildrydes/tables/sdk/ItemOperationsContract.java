package wildrydes.tables.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wildrydes.tables.sdk.TablesServer.item;
import static wildrydes.tables.sdk.TablesServer.n;
import static wildrydes.tables.sdk.TablesServer.s;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** PutItem, GetItem, UpdateItem and DeleteItem through the AWS SDK for Java v2, in memory and on disk. */
abstract class ItemOperationsContract {
    TablesServer tables;
    DynamoDbClient ddb;

    abstract TablesServer start();

    @BeforeEach
    void setUp() {
        tables = start();
        ddb = tables.ddb;
        tables.createTable("UnicornSensorData", "Name", "S", "StatusTime", "S");
    }

    @AfterEach
    void tearDown() {
        tables.close();
    }

    static Map<String, AttributeValue> key(String name, String time) {
        return item("Name", s(name), "StatusTime", s(time));
    }

    Map<String, AttributeValue> get(String name, String time) {
        return ddb.getItem(r -> r.tableName("UnicornSensorData").key(key(name, time)).consistentRead(true)).item();
    }

    @Test
    void everyTypeRoundTripsAndNumbersComeBackNormalised() {
        Map<String, AttributeValue> item = item("Name", s("Shadowfax"), "StatusTime", s("2018-03-18 03:20:00.000"),
                "Distance", n("0362.50"), "Big", n("12345678901234567890123456789012345678"), "Tiny", n("-1e-130"),
                "Image", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xFF})),
                "Flying", AttributeValue.fromBool(true), "Rider", AttributeValue.fromNul(true),
                "Tags", AttributeValue.fromSs(List.of("magic", "fast")), "Scores", AttributeValue.fromNs(List.of("1", "2.5")),
                "Blobs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("b"))),
                "Route", AttributeValue.fromL(List.of(n("40.7"), s("Midtown"), AttributeValue.fromM(Map.of("x", n("1"))))),
                "Empty", s(""));
        ddb.putItem(r -> r.tableName("UnicornSensorData").item(item));
        Map<String, AttributeValue> read = get("Shadowfax", "2018-03-18 03:20:00.000");
        assertThat(read.get("Distance").n()).isEqualTo("362.5");
        assertThat(read.get("Big").n()).isEqualTo("12345678901234567890123456789012345678");
        assertThat(read.get("Tiny").n()).isEqualTo("-" + "0.".concat("0".repeat(129)) + "1");
        assertThat(read.get("Image").b().asByteArray()).containsExactly(0, 1, 0xFF);
        assertThat(read.get("Flying").bool()).isTrue();
        assertThat(read.get("Rider").nul()).isTrue();
        assertThat(read.get("Tags").ss()).containsExactlyInAnyOrder("magic", "fast");
        assertThat(read.get("Scores").ns()).containsExactlyInAnyOrder("1", "2.5");
        assertThat(read.get("Route").l()).hasSize(3);
        assertThat(read.get("Route").l().get(2).m().get("x").n()).isEqualTo("1");
        assertThat(read.get("Empty").s()).isEmpty();
        tables.restart();
        ddb = tables.ddb;
        if (tables.durable()) {
            assertThat(get("Shadowfax", "2018-03-18 03:20:00.000")).isEqualTo(read);
        }
    }

    @Test
    void conditionsGuardWritesAndCanReturnTheItemThatFailedThem() {
        ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Bucephalus"), "StatusTime", s("t1"), "HealthPoints", n("150"))));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("UnicornSensorData")
                .item(item("Name", s("Bucephalus"), "StatusTime", s("t1"), "HealthPoints", n("1")))
                .conditionExpression("attribute_not_exists(StatusTime)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.getMessage()).startsWith("The conditional request failed");
                    assertThat(e.item().get("HealthPoints").n()).isEqualTo("150");
                });
        assertThat(get("Bucephalus", "t1").get("HealthPoints").n()).as("unchanged").isEqualTo("150");
        var replaced = ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Bucephalus"), "StatusTime", s("t1"),
                "HealthPoints", n("149"))).conditionExpression("HealthPoints > :h").expressionAttributeValues(Map.of(":h", n("100")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(replaced.attributes().get("HealthPoints").n()).isEqualTo("150");
        var deleted = ddb.deleteItem(r -> r.tableName("UnicornSensorData").key(key("Bucephalus", "t1"))
                .expected(Map.of("HealthPoints", ExpectedAttributeValue.builder().value(n("149")).build())).returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes().get("HealthPoints").n()).isEqualTo("149");
        assertThat(get("Bucephalus", "t1")).isEmpty();
        assertThatThrownBy(() -> ddb.deleteItem(r -> r.tableName("UnicornSensorData").key(key("Bucephalus", "t1"))
                .conditionExpression("attribute_exists(StatusTime)"))).isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void updateExpressionsSetRemoveAddAndDelete() {
        var created = ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key("Rocinante", "t1"))
                .updateExpression("SET Distance = if_not_exists(Distance, :zero) + :d, Route = :route ADD Tags :tags")
                .expressionAttributeValues(Map.of(":zero", n("0"), ":d", n("5"), ":route", AttributeValue.fromL(List.of(s("a"))),
                        ":tags", AttributeValue.fromSs(List.of("new", "fast"))))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes().get("Distance").n()).isEqualTo("5");
        var updated = ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key("Rocinante", "t1"))
                .updateExpression("SET Distance = Distance - :d, Route = list_append(Route, :more) REMOVE Nothing DELETE Tags :old")
                .expressionAttributeValues(Map.of(":d", n("1.5"), ":more", AttributeValue.fromL(List.of(s("b"))),
                        ":old", AttributeValue.fromSs(List.of("new"))))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(updated.attributes()).containsOnlyKeys("Distance", "Route", "Tags");
        assertThat(updated.attributes().get("Distance").n()).isEqualTo("3.5");
        assertThat(updated.attributes().get("Route").l()).extracting(AttributeValue::s).containsExactly("a", "b");
        var old = ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key("Rocinante", "t1"))
                .updateExpression("REMOVE Route[0]").returnValues(ReturnValue.UPDATED_OLD));
        assertThat(old.attributes().get("Route").l()).extracting(AttributeValue::s).containsExactly("a");
        Map<String, AttributeValue> now = get("Rocinante", "t1");
        assertThat(now.get("Route").l()).extracting(AttributeValue::s).containsExactly("b");
        assertThat(now.get("Tags").ss()).containsExactly("fast");
    }

    @Test
    void legacyAttributeUpdatesAndExpectedStillWork() {
        ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key("Legacy", "t"))
                .attributeUpdates(Map.of("Count", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("2")).build(),
                        "Owner", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("worker-a")).build())));
        ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key("Legacy", "t"))
                .attributeUpdates(Map.of("Count", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("3")).build(),
                        "Owner", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build()))
                .expected(Map.of("Owner", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(s("worker-a")).build())));
        Map<String, AttributeValue> now = get("Legacy", "t");
        assertThat(now.get("Count").n()).isEqualTo("5");
        assertThat(now).doesNotContainKey("Owner");
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("UnicornSensorData").key(key("Legacy", "t"))
                .attributeUpdates(Map.of("Count", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(n("0")).build()))
                .expected(Map.of("Owner", ExpectedAttributeValue.builder().exists(true).value(s("worker-b")).build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void projectionsAndCapacityAreAnswered() {
        ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t"),
                "Stats", AttributeValue.fromM(Map.of("Magic", n("170"), "Health", n("146"))), "Distance", n("362"))));
        var got = ddb.getItem(r -> r.tableName("UnicornSensorData").key(key("Shadowfax", "t")).projectionExpression("Stats.Magic, #d")
                .expressionAttributeNames(Map.of("#d", "Distance")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(got.item()).containsOnlyKeys("Stats", "Distance");
        assertThat(got.item().get("Stats").m()).containsOnlyKeys("Magic");
        assertThat(got.consumedCapacity().tableName()).isEqualTo("UnicornSensorData");
        assertThat(got.consumedCapacity().capacityUnits()).isEqualTo(0.5);
        var legacy = ddb.getItem(r -> r.tableName("UnicornSensorData").key(key("Shadowfax", "t")).attributesToGet("Distance"));
        assertThat(legacy.item()).containsOnlyKeys("Distance");
        var put = ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t2"),
                "Payload", s("x".repeat(3000)))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(3.0);
        assertThat(put.consumedCapacity().table().capacityUnits()).isEqualTo(3.0);
    }
}
