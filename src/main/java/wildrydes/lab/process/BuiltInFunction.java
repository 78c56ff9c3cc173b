package wildrydes.lab.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import wildrydes.lab.tail.TailRecord;

/**
 * The workshop's WildRydesStreamProcessor, built in: every record's data is parsed as JSON and
 * written unchanged as an item (see {@link TableWriter}); it answers {@code "Delivered N records"}.
 * Its failures are reported as the Node.js function's would be: a record that is not JSON is a
 * {@code SyntaxError}, a refused write the service's error name (e.g. {@code ValidationException}),
 * and running past the timeout {@code Sandbox.Timedout}.
 */
public final class BuiltInFunction implements LambdaFunction {
    public static final String NAME = "WildRydesStreamProcessor";

    private final String name;
    private final TableWriter writer;
    private final Duration timeout;

    public BuiltInFunction(String name, TableWriter writer, Duration timeout) {
        this.name = name;
        this.writer = writer;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InvocationResult invoke(FunctionEvent event) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        List<Map<String, AttributeValue>> items = new ArrayList<>(event.records().size());
        for (TailRecord record : event.records()) {
            try {
                items.add(JsonItems.item(record.data()));
            } catch (IllegalArgumentException e) {
                return failure(requestId, "SyntaxError", e.getMessage(), start);
            }
        }
        try {
            writer.write(items, start + timeout.toNanos());
        } catch (TimeoutException e) {
            return InvocationResult.platformError(requestId, "Sandbox.Timedout", Timeouts.message(requestId, timeout),
                    millisSince(start));
        } catch (AwsServiceException e) {
            String type = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            return failure(requestId, type, e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage(), start);
        } catch (SdkException e) {
            return failure(requestId, e.getClass().getSimpleName(), e.getMessage(), start);
        }
        String payload = Json.quote("Delivered " + items.size() + " records");
        return InvocationResult.success(requestId, payload.getBytes(StandardCharsets.UTF_8), millisSince(start));
    }

    private static InvocationResult failure(String requestId, String type, String message, long start) {
        String document = "{\"errorType\":" + Json.quote(type) + ",\"errorMessage\":" + Json.quote(String.valueOf(message))
                + ",\"trace\":[]}";
        return InvocationResult.error(requestId, type, document.getBytes(StandardCharsets.UTF_8), millisSince(start));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
