package wildrydes.tables.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.tables.sdk.TablesServer.item;
import static wildrydes.tables.sdk.TablesServer.s;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@code /metrics} counts table calls by operation and table, errors by type, and consumed capacity; not calls refused unsigned. */
class TableMetricsTest {
    @Test
    void callsErrorsAndCapacityAreCounted() throws Exception {
        try (TablesServer tables = new TablesServer(null)) {
            tables.createTable("UnicornSensorData", "Name", "S", "StatusTime", "S");
            for (int i = 0; i < 3; i++) {
                int n = i;
                tables.ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t" + n))));
            }
            tables.ddb.getItem(r -> r.tableName("UnicornSensorData").key(item("Name", s("Shadowfax"), "StatusTime", s("t0")))
                    .consistentRead(true));
            try {
                tables.ddb.putItem(r -> r.tableName("UnicornSensorData").item(item("Name", s("Shadowfax"), "StatusTime", s("t0")))
                        .conditionExpression("attribute_not_exists(StatusTime)"));
            } catch (ConditionalCheckFailedException expected) {
                // counted as an error
            }
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tables.server.endpoint()))
                    .header("Content-Type", "application/x-amz-json-1.0").header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(400);
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tables.server.endpoint() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("dynamodb_calls_total{operation=\"PutItem\",table=\"UnicornSensorData\"} 3\n")
                    .contains("dynamodb_calls_total{operation=\"GetItem\",table=\"UnicornSensorData\"} 1\n")
                    .contains("dynamodb_errors_total{operation=\"PutItem\",type=\"ConditionalCheckFailedException\"} 1\n")
                    .contains("dynamodb_consumed_write_capacity_units_total{table=\"UnicornSensorData\"} 3.0\n")
                    .contains("dynamodb_consumed_read_capacity_units_total{table=\"UnicornSensorData\"} 1.0\n")
                    .contains("# TYPE dynamodb_calls_total counter")
                    .as("a call refused before it is known whose it is counts for nobody").doesNotContain("ListTables");
        }
    }
}
