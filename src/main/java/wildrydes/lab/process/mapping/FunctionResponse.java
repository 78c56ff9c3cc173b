package wildrydes.lab.process.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import wildrydes.lab.process.InvocationResult;
import wildrydes.lab.process.Json;
import wildrydes.lab.tail.TailRecord;

/**
 * What an invocation's answer means to the mapping, by Lambda's rules for stream sources:
 * an error fails the whole batch; with ReportBatchItemFailures a response of
 * {@code {"batchItemFailures":[{"itemIdentifier":"<sequence number>"}]}} fails the batch from
 * its lowest named sequence number on (the records before it are done). An absent, null or empty
 * list, or a response that is not an object (an empty or null EventResponse), is a complete
 * success; an item whose identifier is null, empty, under another key name or not a record of
 * the batch makes it a complete failure. A tumbling window's function answers its new state as
 * {@code {"state":{...}}}.
 *
 * @param failedFrom index of the first record to retry: 0 for a whole failure, the batch size for success
 * @param state      the state returned for a tumbling window (null when none)
 * @param reason     why it failed, for progress lines (null on success)
 */
record FunctionResponse(int failedFrom, JsonNode state, String reason) {

    boolean success(int batchSize) {
        return failedFrom >= batchSize;
    }

    static FunctionResponse of(InvocationResult result, List<TailRecord> batch, boolean reportItemFailures) {
        if (result.failed()) {
            return new FunctionResponse(0, null, result.errorType() + ": " + errorMessage(result));
        }
        JsonNode body = Json.parseOrNull(result.payload());
        JsonNode state = body != null && body.isObject() && body.get("state") != null && body.get("state").isObject()
                ? body.get("state") : null;
        if (!reportItemFailures || body == null || !body.isObject()) {
            return new FunctionResponse(batch.size(), state, null);
        }
        JsonNode failures = body.get("batchItemFailures");
        if (failures == null || failures.isNull() || failures.isArray() && failures.isEmpty()) {
            return new FunctionResponse(batch.size(), state, null);
        }
        if (!failures.isArray()) {
            return new FunctionResponse(0, state, "batchItemFailures is not a list: the whole batch failed");
        }
        int lowest = batch.size();
        for (JsonNode item : failures) {
            JsonNode id = item.isObject() ? item.get("itemIdentifier") : null;
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return new FunctionResponse(0, state, "a batchItemFailures entry has no itemIdentifier: the whole batch failed");
            }
            int index = indexOf(batch, id.asText());
            if (index < 0) {
                return new FunctionResponse(0, state, "itemIdentifier " + id.asText() + " is not a record of the batch: the whole batch failed");
            }
            lowest = Math.min(lowest, index);
        }
        return new FunctionResponse(lowest, state, (batch.size() - lowest) + " of " + batch.size()
                + " records reported failed from sequence number " + batch.get(lowest).sequenceNumber());
    }

    private static int indexOf(List<TailRecord> batch, String sequenceNumber) {
        BigInteger wanted;
        try {
            wanted = new BigInteger(sequenceNumber);
        } catch (NumberFormatException e) {
            return -1;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (new BigInteger(batch.get(i).sequenceNumber()).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    static String errorMessage(InvocationResult result) {
        JsonNode document = Json.parseOrNull(result.payload());
        if (document != null && document.path("errorMessage").isTextual()) {
            return document.get("errorMessage").asText();
        }
        String text = result.payloadText();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
