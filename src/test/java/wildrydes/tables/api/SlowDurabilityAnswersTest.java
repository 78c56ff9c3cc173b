package wildrydes.tables.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import wildrydes.tables.TablesService;
import wildrydes.tables.TablesSettings;
import wildrydes.tables.storage.Keyspace;
import wildrydes.tables.storage.MemoryTableStore;
import wildrydes.tables.storage.Mutation;
import wildrydes.tables.storage.TableStore;

/**
 * An answer describes what its call did, however long the write took to become durable: an
 * UpdateTable whose fsync outlasts the table's state change still answers UPDATING (it answered
 * ACTIVE once, in CI, when a journal force took longer than the test server's 50 ms).
 */
class SlowDurabilityAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STATE_CHANGE_MILLIS = 20;

    /** A memory store whose writes become durable only when the gate opens. */
    private static final class GatedStore implements TableStore {
        final MemoryTableStore delegate = new MemoryTableStore();
        volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

        @Override
        public Collection<Keyspace> keyspaces() {
            return delegate.keyspaces();
        }

        @Override
        public Keyspace keyspace(String name) {
            return delegate.keyspace(name);
        }

        @Override
        public CompletableFuture<Void> apply(List<Mutation> batch) {
            CompletableFuture<Void> open = gate;
            return delegate.apply(batch).thenCombine(open, (a, b) -> null);
        }

        @Override
        public CompletableFuture<Void> durable() {
            return delegate.durable().thenCombine(gate, (a, b) -> null);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static JsonNode call(TablesEndpoint endpoint, String operation, String body) throws Exception {
        TablesEndpoint.Answer answer = endpoint.handle("DynamoDB_20120810." + operation, "application/x-amz-json-1.0",
                body.getBytes(StandardCharsets.UTF_8), new TablesEndpoint.Authentication(
                        "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, "
                                + "Signature=0", true, Map.of())).get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    @Test
    void anUpdateTableWhoseWriteOutlastsTheStateChangeStillAnswersUpdating() throws Exception {
        GatedStore store = new GatedStore();
        TablesEndpoint endpoint = new TablesEndpoint(new TablesService(store,
                TablesSettings.of("us-east-1", "000000000000", STATE_CHANGE_MILLIS, Clock.systemUTC())));
        call(endpoint, "CreateTable", "{\"TableName\":\"billing\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!call(endpoint, "DescribeTable", "{\"TableName\":\"billing\"}").at("/Table/TableStatus").asText().equals("ACTIVE")) {
            assertThat(System.nanoTime()).as("the table becomes ACTIVE").isLessThan(deadline);
            Thread.sleep(5);
        }

        CompletableFuture<Void> gate = new CompletableFuture<>();
        store.gate = gate;
        CompletableFuture<JsonNode> updated = CompletableFuture.supplyAsync(() -> {
            try {
                return call(endpoint, "UpdateTable", "{\"TableName\":\"billing\",\"BillingMode\":\"PROVISIONED\","
                        + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":3,\"WriteCapacityUnits\":4}}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(STATE_CHANGE_MILLIS * 5); // the table settles to ACTIVE meanwhile
        assertThat(updated).as("answered before its write is durable").isNotDone();
        gate.complete(null);

        JsonNode answer = updated.get(10, TimeUnit.SECONDS);
        assertThat(answer.at("/TableDescription/TableStatus").asText()).isEqualTo("UPDATING");
        assertThat(answer.at("/TableDescription/BillingModeSummary/BillingMode").asText()).isEqualTo("PROVISIONED");
    }
}
