package bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Java Lambda handler that does nothing with its records but answer, for each record whose
 * data starts with {@code t=<epoch millis>}, how long ago that was (the PutRecord-to-invocation
 * delay ProcessBench measures).
 */
public class NoopHandler implements RequestHandler<KinesisEvent, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(KinesisEvent event, Context context) {
        long now = System.currentTimeMillis();
        List<Long> delays = new ArrayList<>();
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            ByteBuffer data = record.getKinesis().getData();
            byte[] head = new byte[Math.min(16, data.remaining())];
            data.duplicate().get(head);
            String text = new String(head, StandardCharsets.US_ASCII);
            if (text.startsWith("t=")) {
                delays.add(now - Long.parseLong(text.substring(2, 15)));
            }
        }
        return Map.of("records", event.getRecords().size(), "delays", delays);
    }
}
