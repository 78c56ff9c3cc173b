package wildrydes.tables.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.tables.sdk.TablesServer.item;
import static wildrydes.tables.sdk.TablesServer.n;
import static wildrydes.tables.sdk.TablesServer.s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query and Scan through the AWS SDK for Java v2: sort orders, key conditions, pages of at most 1 MB, segments. */
abstract class QueryAndScanContract {
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

    List<Map<String, AttributeValue>> queryAll(String table, String partition, boolean forward) {
        return ddb.queryPaginator(r -> r.tableName(table).keyConditionExpression("p = :p").scanIndexForward(forward)
                .expressionAttributeValues(Map.of(":p", s(partition)))).items().stream().toList();
    }

    @Test
    void numberSortKeysOrderByValue() {
        tables.createTable("numbers", "p", "S", "k", "N");
        List<String> values = List.of("10", "-1.5", "0", "1e10", "-10", "0.001", "2", "-0.00001", "1", "-1");
        for (String v : values) {
            ddb.putItem(r -> r.tableName("numbers").item(item("p", s("x"), "k", n(v))));
        }
        assertThat(TablesServer.strings(queryAll("numbers", "x", true), "k"))
                .containsExactly("-10", "-1.5", "-1", "-0.00001", "0", "0.001", "1", "2", "10", "10000000000");
        assertThat(TablesServer.strings(queryAll("numbers", "x", false), "k").getFirst()).isEqualTo("10000000000");
        var between = ddb.query(r -> r.tableName("numbers").keyConditionExpression("p = :p AND k BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":p", s("x"), ":lo", n("-1"), ":hi", n("1")))).items();
        assertThat(TablesServer.strings(between, "k")).containsExactly("-1", "-0.00001", "0", "0.001", "1");
        var below = ddb.query(r -> r.tableName("numbers").keyConditionExpression(":z > k AND p = :p")
                .expressionAttributeValues(Map.of(":p", s("x"), ":z", n("0")))).items();
        assertThat(below).hasSize(4);
    }

    @Test
    void stringAndBinarySortKeysOrderByUtf8AndUnsignedBytes() {
        tables.createTable("strings", "p", "S", "k", "S");
        for (String v : List.of("a", "B", "aa", "Z", "\u00e9", "\ud83d\ude00", "ab", "\uffe0")) {
            ddb.putItem(r -> r.tableName("strings").item(item("p", s("x"), "k", s(v))));
        }
        assertThat(TablesServer.strings(queryAll("strings", "x", true), "k"))
                .containsExactly("B", "Z", "a", "aa", "ab", "\u00e9", "\uffe0", "\ud83d\ude00");
        var prefixed = ddb.query(r -> r.tableName("strings").keyConditionExpression("p = :p AND begins_with(k, :a)")
                .expressionAttributeValues(Map.of(":p", s("x"), ":a", s("a")))).items();
        assertThat(TablesServer.strings(prefixed, "k")).containsExactly("a", "aa", "ab");

        tables.createTable("binary", "p", "S", "k", "B");
        for (byte[] v : List.of(new byte[] {(byte) 0xFF}, new byte[] {0}, new byte[] {0x7F}, new byte[] {(byte) 0x80}, new byte[] {0, 0})) {
            ddb.putItem(r -> r.tableName("binary").item(item("p", s("x"), "k", AttributeValue.fromB(SdkBytes.fromByteArray(v)))));
        }
        List<String> hex = queryAll("binary", "x", true).stream()
                .map(i -> java.util.HexFormat.of().formatHex(i.get("k").b().asByteArray())).toList();
        assertThat(hex).containsExactly("00", "0000", "7f", "80", "ff");
    }

    @Test
    void queriesPageByLimitAndFilterAfterReading() {
        tables.createTable("paged", "p", "S", "k", "N");
        for (int i = 0; i < 10; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("paged").item(item("p", s("x"), "k", n(Integer.toString(k)), "even", AttributeValue.fromBool(k % 2 == 0))));
        }
        List<Integer> pageSizes = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ddb.query(r -> r.tableName("paged").keyConditionExpression("p = :p").limit(3).exclusiveStartKey(from)
                    .expressionAttributeValues(Map.of(":p", s("x"))));
            pageSizes.add(page.count());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(pageSizes).containsExactly(3, 3, 3, 1);
        QueryResponse filtered = ddb.query(r -> r.tableName("paged").keyConditionExpression("p = :p").filterExpression("even = :t")
                .expressionAttributeValues(Map.of(":p", s("x"), ":t", AttributeValue.fromBool(true))));
        assertThat(filtered.count()).isEqualTo(5);
        assertThat(filtered.scannedCount()).isEqualTo(10);
        QueryResponse counted = ddb.query(r -> r.tableName("paged").select(Select.COUNT)
                .keyConditions(Map.of("p", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("x")).build(),
                        "k", Condition.builder().comparisonOperator(ComparisonOperator.GE).attributeValueList(n("7")).build())));
        assertThat(counted.count()).isEqualTo(3);
        assertThat(counted.hasItems()).isFalse();
    }

    @Test
    void pagesStopAtOneMegabyte() {
        tables.createTable("large", "p", "S", "k", "N");
        String payload = "x".repeat(100 * 1024);
        for (int i = 0; i < 25; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("large").item(item("p", s("x"), "k", n(Integer.toString(k)), "payload", s(payload))));
        }
        QueryResponse first = ddb.query(r -> r.tableName("large").keyConditionExpression("p = :p")
                .expressionAttributeValues(Map.of(":p", s("x"))));
        assertThat(first.count()).isBetween(10, 11);
        assertThat(first.lastEvaluatedKey()).containsOnlyKeys("p", "k");
        assertThat(queryAll("large", "x", true)).hasSize(25);
        ScanResponse scanned = ddb.scan(r -> r.tableName("large"));
        assertThat(scanned.count()).isBetween(10, 11);
        assertThat(ddb.scanPaginator(r -> r.tableName("large")).items().stream().count()).isEqualTo(25);
    }

    @Test
    void parallelScanSegmentsCoverEveryItemOnce() {
        tables.createTable("many", "id", "S", null, null);
        for (int i = 0; i < 100; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("many").item(item("id", s("unicorn-" + k), "n", n(Integer.toString(k)))));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int seg = segment;
            List<Map<String, AttributeValue>> items = ddb.scanPaginator(r -> r.tableName("many").segment(seg).totalSegments(4).limit(7))
                    .items().stream().toList();
            total += items.size();
            items.forEach(i -> seen.add(i.get("id").s()));
        }
        assertThat(total).isEqualTo(100);
        assertThat(seen).hasSize(100);
        ScanResponse legacy = ddb.scan(r -> r.tableName("many").scanFilter(Map.of("n", Condition.builder()
                .comparisonOperator(ComparisonOperator.LT).attributeValueList(n("10")).build())));
        assertThat(legacy.count()).isEqualTo(10);
        ScanResponse expression = ddb.scan(r -> r.tableName("many").filterExpression("n IN (:a, :b) OR begins_with(id, :p)")
                .expressionAttributeValues(Map.of(":a", n("1"), ":b", n("2"), ":p", s("unicorn-9"))).projectionExpression("id"));
        assertThat(expression.count()).isEqualTo(13);
        assertThat(expression.items().getFirst()).containsOnlyKeys("id");
    }
}
