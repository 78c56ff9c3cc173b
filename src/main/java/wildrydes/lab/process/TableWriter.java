package wildrydes.lab.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The workshop function's writing loop: BatchWriteItem with 25 items per call, and whatever
 * comes back as UnprocessedItems sent again after {@code 50 * 2^attempt} ms until nothing is
 * left. Two items of one call with the same key would make DynamoDB refuse the whole call
 * ("Provided list of item keys contains duplicates"); the later one is kept, which leaves the
 * table as one PutItem after the other would.
 */
public final class TableWriter {
    static final int ITEMS_PER_CALL = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final List<String> keyNames;

    public TableWriter(DynamoDbClient dynamo, String table, List<String> keyNames) {
        this.dynamo = dynamo;
        this.table = table;
        this.keyNames = List.copyOf(keyNames);
    }

    /** Writes every item; returns the BatchWriteItem calls made. Stops with TimeoutException at the deadline (nanoTime). */
    public int write(List<Map<String, AttributeValue>> items, long deadlineNanos) throws InterruptedException, TimeoutException {
        int calls = 0;
        for (int from = 0; from < items.size(); from += ITEMS_PER_CALL) {
            List<WriteRequest> requests = new ArrayList<>();
            for (Map<String, AttributeValue> item : lastPerKey(items.subList(from, Math.min(items.size(), from + ITEMS_PER_CALL)))) {
                requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, requests);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    long pause = 50L << Math.min(attempt, 20);
                    if (System.nanoTime() + pause * 1_000_000 - deadlineNanos > 0) {
                        throw new TimeoutException();
                    }
                    Thread.sleep(pause);
                }
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new TimeoutException();
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
                calls++;
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        return calls;
    }

    private List<Map<String, AttributeValue>> lastPerKey(List<Map<String, AttributeValue>> chunk) {
        Map<List<AttributeValue>, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> keyless = new ArrayList<>();
        for (Map<String, AttributeValue> item : chunk) {
            List<AttributeValue> key = new ArrayList<>();
            for (String name : keyNames) {
                key.add(item.get(name));
            }
            if (key.contains(null)) {
                keyless.add(item); // DynamoDB will say which key is missing
            } else {
                byKey.remove(key);
                byKey.put(key, item);
            }
        }
        List<Map<String, AttributeValue>> out = new ArrayList<>(byKey.values());
        out.addAll(keyless);
        return out;
    }
}
