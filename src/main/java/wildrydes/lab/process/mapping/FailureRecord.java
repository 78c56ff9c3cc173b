package wildrydes.lab.process.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import wildrydes.lab.process.InvocationResult;
import wildrydes.lab.process.Json;
import wildrydes.lab.tail.TailRecord;

/**
 * The document Lambda sends to a Kinesis mapping's on-failure destination for a discarded batch:
 * metadata only, no record data.
 * <pre>
 * {"requestContext":{"requestId":"...","functionArn":"arn:aws:lambda:...","condition":"RetryAttemptsExhausted",
 *   "approximateInvokeCount":3},
 *  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
 *  "version":"1.0","timestamp":"2019-11-14T00:38:06.021Z",
 *  "KinesisBatchInfo":{"shardId":"shardId-000000000001","startSequenceNumber":"...","endSequenceNumber":"...",
 *   "approximateArrivalOfFirstRecord":"2019-11-14T00:38:04.835Z","approximateArrivalOfLastRecord":"...",
 *   "batchSize":500,"streamArn":"arn:aws:kinesis:..."}}
 * </pre>
 * {@code condition} is {@code RetryAttemptsExhausted} or {@code RecordAgeExceeded}; {@code functionError}
 * is {@code Unhandled} when the last invocation failed with an error and null when it answered
 * with item failures.
 */
final class FailureRecord {
    private FailureRecord() {
    }

    static byte[] of(String condition, String functionArn, String streamArn, String shardId, List<TailRecord> records,
                     int invokeCount, InvocationResult last, Instant now) {
        ObjectNode document = Json.object();
        ObjectNode request = document.putObject("requestContext");
        request.put("requestId", last != null ? last.requestId() : UUID.randomUUID().toString());
        request.put("functionArn", functionArn);
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = document.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (last != null && last.failed()) {
            response.put("functionError", "Unhandled");
        } else {
            response.putNull("functionError");
        }
        document.put("version", "1.0");
        document.put("timestamp", millis(now));
        ObjectNode info = document.putObject("KinesisBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", records.getFirst().sequenceNumber());
        info.put("endSequenceNumber", records.getLast().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", millis(records.getFirst().arrival()));
        info.put("approximateArrivalOfLastRecord", millis(records.getLast().arrival()));
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        return Json.write(document).getBytes(StandardCharsets.UTF_8);
    }

    /** ISO-8601 with exactly three fraction digits, as Lambda writes them. */
    static String millis(Instant instant) {
        Instant at = instant == null ? Instant.EPOCH : instant.truncatedTo(ChronoUnit.MILLIS);
        String text = at.toString();
        if (at.getNano() == 0) {
            return text.replace("Z", ".000Z");
        }
        int dot = text.indexOf('.');
        String fraction = text.substring(dot + 1, text.length() - 1);
        return text.substring(0, dot + 1) + (fraction + "000").substring(0, 3) + "Z";
    }
}
