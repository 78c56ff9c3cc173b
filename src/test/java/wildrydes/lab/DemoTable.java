package wildrydes.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** What the demo's pipeline leaves behind, read through the SDKs while the demo runs: its summaries and UnicornSensorData's items. */
final class DemoTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("Name", "StatusTime", "Distance", "MinMagicPoints", "MaxMagicPoints",
            "MinHealthPoints", "MaxHealthPoints");

    private DemoTable() {
    }

    /** Waits for at least {@code count} items in UnicornSensorData; returns them as summaries' JSON (fields in the workshop's order). */
    static List<String> awaitItems(String endpoint, int count, int seconds, Supplier<String> what) throws InterruptedException {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (true) {
                List<String> items = items(dynamo);
                if (items.size() >= count) {
                    return items;
                }
                assertThat(System.nanoTime()).as(count + " items in UnicornSensorData; " + what.get()).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static List<String> items(DynamoDbClient dynamo) {
        List<String> out = new ArrayList<>();
        try {
            for (Map<String, AttributeValue> item : dynamo.scan(r -> r.tableName("UnicornSensorData")).items()) {
                ObjectNode json = JSON.createObjectNode();
                for (String field : FIELDS) {
                    AttributeValue value = item.get(field);
                    assertThat(value).as(field + " in " + item).isNotNull();
                    if (value.s() != null) {
                        json.put(field, value.s());
                    } else {
                        json.set(field, JSON.getNodeFactory().numberNode(new java.math.BigDecimal(value.n())));
                    }
                }
                assertThat(item).as("only the summary's fields").hasSize(FIELDS.size());
                out.add(json.toString());
            }
        } catch (ResourceNotFoundException notYet) {
            // the function creates the table when it starts
        }
        return out;
    }

    /** The summaries on wildrydes-summary, as their JSON text. */
    static List<String> summaries(String endpoint) throws Exception {
        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            List<String> out = new ArrayList<>();
            String it = kinesis.getShardIterator(r -> r.streamName("wildrydes-summary").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                String current = it;
                var page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                for (Record record : page.records()) {
                    out.add(JSON.readTree(record.data().asUtf8String()).toString());
                }
                if (page.records().isEmpty()) {
                    break;
                }
                it = page.nextShardIterator();
            }
            return out;
        }
    }
}
