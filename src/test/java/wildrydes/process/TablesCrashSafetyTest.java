package wildrydes.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A durable server in its own process is killed with SIGKILL while writers put items, add to
 * counters and write batches of 25 into a table, three times over, restarting on the same data
 * each time. Every acknowledged item must be there with what was written; every counter must
 * hold at least its acknowledged increments and at most the attempted ones; the index must
 * agree with the table.
 */
class TablesCrashSafetyTest {
    private static final String TABLE = "UnicornSensorData";
    private static final int WRITERS = 4;
    private static final int ACKS_BEFORE_KILL = 300;
    private static final int CYCLES = 3;

    @TempDir
    Path tmp;

    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<Thread> writerThreads = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Thread t : writerThreads) {
            t.interrupt();
            t.join(5_000);
        }
        for (ServerProcess server : servers) {
            server.close();
        }
    }

    static DynamoDbClient client(String endpoint, boolean retries) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(15)))
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(Duration.ofSeconds(30));
                    if (!retries) {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }

    private ServerProcess start(Path dataDir) {
        ServerProcess server = ServerProcess.startServer("--port", "0", "--data-dir", dataDir.toString(), "--state-change-ms", "50");
        servers.add(server);
        return server;
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    @Test
    @Timeout(180)
    void everyAcknowledgedWriteSurvivesRepeatedSigkill() throws Exception {
        Path dataDir = tmp.resolve("data").toAbsolutePath();
        Map<String, Map<String, AttributeValue>> acknowledged = new ConcurrentHashMap<>(); // StatusTime -> item
        Map<String, AtomicLong> counterAcks = new ConcurrentHashMap<>();
        Map<String, AtomicLong> counterAttempts = new ConcurrentHashMap<>();

        ServerProcess server = start(dataDir);
        try (DynamoDbClient admin = client(server.endpoint(), true)) {
            admin.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(definition("Name", "S"), definition("StatusTime", "S"), definition("Writer", "S"))
                    .keySchema(key("Name", KeyType.HASH), key("StatusTime", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byWriter")
                            .keySchema(key("Writer", KeyType.HASH), key("StatusTime", KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
            awaitActive(admin);
        }
        StringBuilder report = new StringBuilder();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            int acks = writeUntilKilled(server, cycle, acknowledged, counterAcks, counterAttempts);
            server = start(dataDir);
            try (DynamoDbClient reader = client(server.endpoint(), true)) {
                awaitActive(reader);
                List<Map<String, AttributeValue>> items = reader.scanPaginator(r -> r.tableName(TABLE).consistentRead(true)).items()
                        .stream().toList();
                Map<String, Map<String, AttributeValue>> byTime = new ConcurrentHashMap<>();
                items.forEach(i -> byTime.put(i.get("StatusTime").s(), i));
                List<String> problems = new ArrayList<>();
                acknowledged.forEach((time, item) -> {
                    if (!item.equals(byTime.get(time))) {
                        problems.add("acknowledged " + item + " is " + byTime.get(time));
                    }
                });
                counterAcks.forEach((name, acked) -> {
                    var counter = reader.getItem(r -> r.tableName(TABLE).consistentRead(true)
                            .key(Map.of("Name", s("counter"), "StatusTime", s(name)))).item();
                    long value = counter.isEmpty() ? 0 : Long.parseLong(counter.get("Count").n());
                    if (value < acked.get() || value > counterAttempts.get(name).get()) {
                        problems.add(name + " holds " + value + ": acknowledged " + acked.get() + ", attempted " + counterAttempts.get(name).get());
                    }
                });
                long indexed = 0;
                for (int w = 0; w < WRITERS; w++) {
                    String writer = "writer-" + w;
                    indexed += reader.queryPaginator(r -> r.tableName(TABLE).indexName("byWriter").keyConditionExpression("Writer = :w")
                            .expressionAttributeValues(Map.of(":w", s(writer)))).items().stream().count();
                }
                long withWriter = items.stream().filter(i -> i.containsKey("Writer")).count();
                assertThat(problems).as("cycle %d: acknowledged writes lost or changed", cycle).isEmpty();
                assertThat(indexed).as("cycle %d: index entries after recovery", cycle).isEqualTo(withWriter);
                report.append("cycle ").append(cycle).append(": ").append(acks).append(" acks before SIGKILL, ").append(items.size())
                        .append(" items after restart (").append(acknowledged.size()).append(" acknowledged)\n");
            }
        }
        System.out.println("TablesCrashSafetyTest: " + report);
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(CYCLES * ACKS_BEFORE_KILL / 2);
    }

    private int writeUntilKilled(ServerProcess server, int cycle, Map<String, Map<String, AttributeValue>> acknowledged,
                                 Map<String, AtomicLong> counterAcks, Map<String, AtomicLong> counterAttempts) throws InterruptedException {
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ConcurrentLinkedQueue<SdkException> errorsBeforeKill = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            String counter = "counter-" + writer;
            counterAcks.putIfAbsent(counter, new AtomicLong());
            counterAttempts.putIfAbsent(counter, new AtomicLong());
            Thread t = new Thread(() -> {
                try (DynamoDbClient ddb = client(server.endpoint(), false)) {
                    for (int n = 0; n < 100_000 && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted(); n++) {
                        String time = String.format("%d-%d-%06d", cycle, writer, n);
                        try {
                            if (n % 10 == 9) {
                                List<WriteRequest> batch = new ArrayList<>();
                                List<Map<String, AttributeValue>> batchItems = new ArrayList<>();
                                for (int b = 0; b < 25; b++) {
                                    Map<String, AttributeValue> item = Map.of("Name", s("Batch"), "StatusTime", s(time + "-" + b),
                                            "Distance", AttributeValue.fromN(Integer.toString(b)));
                                    batchItems.add(item);
                                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                                }
                                var response = ddb.batchWriteItem(r -> r.requestItems(Map.of(TABLE, batch)));
                                assertThat(response.unprocessedItems()).isEmpty();
                                batchItems.forEach(i -> acknowledged.put(i.get("StatusTime").s(), i));
                            } else if (n % 3 == 2) {
                                counterAttempts.get(counter).incrementAndGet();
                                ddb.updateItem(r -> r.tableName(TABLE).key(Map.of("Name", s("counter"), "StatusTime", s(counter)))
                                        .updateExpression("ADD #c :one").expressionAttributeNames(Map.of("#c", "Count"))
                                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                                counterAcks.get(counter).incrementAndGet();
                            } else {
                                Map<String, AttributeValue> item = Map.of("Name", s("Shadowfax"), "StatusTime", s(time),
                                        "Writer", s("writer-" + writer), "Payload", s("x".repeat(n % 200)));
                                ddb.putItem(r -> r.tableName(TABLE).item(item).conditionExpression("attribute_not_exists(StatusTime)"));
                                acknowledged.put(time, item);
                            }
                            acks.incrementAndGet();
                        } catch (SdkException e) {
                            if (!killed.get()) {
                                errorsBeforeKill.add(e);
                            }
                            return;
                        }
                    }
                }
            }, "table-writer-" + cycle + "-" + w);
            threads.add(t);
            writerThreads.add(t);
            t.start();
        }
        while (acks.get() < ACKS_BEFORE_KILL && System.nanoTime() < deadline && errorsBeforeKill.isEmpty()) {
            Thread.sleep(5);
        }
        assertThat(errorsBeforeKill).as("writer errors while the server was up (cycle %d)", cycle).isEmpty();
        assertThat(acks.get()).as("acks within 60 s in cycle %d; server:%s", cycle, server.describe())
                .isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        assertThat(threads.stream().filter(Thread::isAlive).count()).as("writers still writing at the kill").isEqualTo(WRITERS);
        killed.set(true);
        server.kill();
        assertThat(server.process().exitValue()).as("exit code after SIGKILL (128 + 9)").isEqualTo(137);
        for (Thread t : threads) {
            t.join(20_000);
            assertThat(t.isAlive()).as("%s stopped by itself after the server died", t.getName()).isFalse();
        }
        return acks.get();
    }

    private static void awaitActive(DynamoDbClient ddb) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var table = ddb.describeTable(r -> r.tableName(TABLE)).table();
            if (table.tableStatus() == TableStatus.ACTIVE && table.globalSecondaryIndexes().stream()
                    .allMatch(i -> i.indexStatusAsString().equals("ACTIVE"))) {
                return;
            }
            assertThat(System.nanoTime()).as("table ACTIVE within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static AttributeDefinition definition(String name, String type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
