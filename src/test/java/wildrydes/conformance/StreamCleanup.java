package wildrydes.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Deletes, after a case on the shared server, every stream the case made (their names start with its prefix). */
final class StreamCleanup {
    private StreamCleanup() {
    }

    static void deleteStreamsStartingWith(CaseExecution execution, String prefix) {
        try {
            String start = null;
            while (true) {
                ObjectNode body = CaseExecution.MAPPER.createObjectNode().put("Limit", 1000);
                if (start != null) {
                    body.put("ExclusiveStartStreamName", start);
                }
                RawHttpClient.Response listed = execution.call("ListStreams", body);
                if (listed.status() != 200) {
                    return;
                }
                JsonNode answer = CaseExecution.MAPPER.readTree(listed.body());
                for (JsonNode name : answer.path("StreamNames")) {
                    start = name.asText();
                    if (start.startsWith(prefix)) {
                        execution.call("DeleteStream", CaseExecution.MAPPER.createObjectNode().put("StreamName", start)
                                .put("EnforceConsumerDeletion", true));
                    }
                }
                if (!answer.path("HasMoreStreams").asBoolean(false) || start == null) {
                    return;
                }
            }
        } catch (Exception e) {
            // best effort: a stream left behind only takes shards of the shared server's generous limit
        }
    }
}
