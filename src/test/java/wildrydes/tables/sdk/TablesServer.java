package wildrydes.tables.sdk;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * A server for a test class, in memory or on disk (then restartable on the same data), with an
 * AWS SDK for Java v2 DynamoDB client.
 */
final class TablesServer implements AutoCloseable {
    final Path dataDir; // null: in memory
    KinesisServer server;
    DynamoDbClient ddb;

    TablesServer(Path dataDir) {
        this.dataDir = dataDir;
        start();
    }

    private void start() {
        ServerConfig base = ServerConfig.defaults().withPort(0).withStateChangeMillis(50);
        server = KinesisServer.start(dataDir == null ? base.withInMemory() : base.withDataDir(dataDir));
        ddb = DynamoDbClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    boolean durable() {
        return dataDir != null;
    }

    /** Stops the server (cleanly) and starts it again on the same data; a memory server starts empty. */
    void restart() {
        ddb.close();
        server.close();
        start();
    }

    /** Creates a table (on demand) with a hash key and, unless rangeName is null, a range key, and waits until it is ACTIVE. */
    void createTable(String name, String hashName, String hashType, String rangeName, String rangeType) {
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
        if (rangeName == null) {
            request.attributeDefinitions(definition(hashName, hashType)).keySchema(key(hashName, KeyType.HASH));
        } else {
            request.attributeDefinitions(definition(hashName, hashType), definition(rangeName, rangeType))
                    .keySchema(key(hashName, KeyType.HASH), key(rangeName, KeyType.RANGE));
        }
        ddb.createTable(request.build());
        awaitActive(name);
    }

    void awaitActive(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            var table = ddb.describeTable(r -> r.tableName(name)).table();
            boolean indexesActive = table.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatusAsString().equals("ACTIVE"));
            if (table.tableStatus() == TableStatus.ACTIVE && indexesActive) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("table " + name + " never became ACTIVE");
            }
            sleep(10);
        }
    }

    void awaitGone(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ddb.listTables().tableNames().contains(name)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("table " + name + " was never deleted");
            }
            sleep(10);
        }
    }

    static AttributeDefinition definition(String name, String type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    static Map<String, AttributeValue> item(Object... nameValues) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            item.put((String) nameValues[i], (AttributeValue) nameValues[i + 1]);
        }
        return item;
    }

    static List<String> strings(List<Map<String, AttributeValue>> items, String attribute) {
        return items.stream().map(i -> i.get(attribute) == null ? null : i.get(attribute).s() != null ? i.get(attribute).s()
                : i.get(attribute).n()).toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        ddb.close();
        server.close();
    }
}
