package wildrydes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.server.KinesisServer;
import wildrydes.server.ServerConfig;

/**
 * Data written before the 56-digit layout reads back, and a checkpoint holding a 46-digit
 * number of the earlier layout ({@code 4}, the stream's creation millisecond, the shard, the
 * position) still starts a reader at the same record, across a restart of a durable server.
 */
class SequenceNumbersOfEarlierVersionsTest {
    @TempDir
    Path dataDir;

    private KinesisServer start() {
        return KinesisServer.start(new ServerConfig("127.0.0.1", 0, "us-east-1", "000000000000", 0, dataDir, false, false, 10,
                Clock.systemUTC(), false, 0));
    }

    private static JsonNode ok(CaseExecution client, String operation, ObjectNode body) throws Exception {
        RawHttpClient.Response response = client.call(operation, body);
        assertThat(response.status()).as("%s %s: %s", operation, body, CaseExecution.text(response.body())).isEqualTo(200);
        return response.body().length == 0 ? null : CaseExecution.MAPPER.readTree(response.body());
    }

    private static ObjectNode body() {
        return CaseExecution.MAPPER.createObjectNode();
    }

    private static CaseExecution client(KinesisServer server) {
        ObjectNode none = body().put("name", "client").put("group", "behaviour").put("source", "this test");
        none.set("request", body());
        none.set("response", body());
        return new CaseExecution(ConformanceCase.of("Protocol", none), "json", server, "up_");
    }

    @Test
    void aCheckpointOfTheEarlierLayoutStartsAtTheSameRecordAfterARestart() throws Exception {
        List<String> written = new ArrayList<>();
        long createdMillis;
        try (KinesisServer server = start()) {
            CaseExecution client = client(server);
            ok(client, "CreateStream", body().put("StreamName", "legacy").put("ShardCount", 1));
            while (!"ACTIVE".equals(ok(client, "DescribeStreamSummary", body().put("StreamName", "legacy"))
                    .at("/StreamDescriptionSummary/StreamStatus").asText())) {
                Thread.sleep(10);
            }
            for (int i = 0; i < 3; i++) {
                written.add(ok(client, "PutRecord", body().put("StreamName", "legacy").put("PartitionKey", "k").put("Data", "AA=="))
                        .get("SequenceNumber").asText());
            }
            createdMillis = new BigDecimal(ok(client, "DescribeStreamSummary", body().put("StreamName", "legacy"))
                    .at("/StreamDescriptionSummary/StreamCreationTimestamp").asText()).movePointRight(3).longValueExact();
        }
        assertThat(written).allSatisfy(n -> assertThat(n).hasSize(56));
        try (KinesisServer server = start()) {
            CaseExecution client = client(server);
            String checkpoint = "4" + String.format("%013d%012d%020d", createdMillis, 0, 0L); // the first record, as stored before
            String after = ok(client, "GetShardIterator", body().put("StreamName", "legacy").put("ShardId", "shardId-000000000000")
                    .put("ShardIteratorType", "AFTER_SEQUENCE_NUMBER").put("StartingSequenceNumber", checkpoint)).get("ShardIterator").asText();
            JsonNode records = ok(client, "GetRecords", body().put("ShardIterator", after)).get("Records");
            assertThat(records).hasSize(2);
            assertThat(records.get(0).get("SequenceNumber").asText()).isEqualTo(written.get(1));
            assertThat(records.get(1).get("SequenceNumber").asText()).isEqualTo(written.get(2));

            String at = ok(client, "GetShardIterator", body().put("StreamName", "legacy").put("ShardId", "shardId-000000000000")
                    .put("ShardIteratorType", "AT_SEQUENCE_NUMBER").put("StartingSequenceNumber", checkpoint)).get("ShardIterator").asText();
            assertThat(ok(client, "GetRecords", body().put("ShardIterator", at).put("Limit", 1)).at("/Records/0/SequenceNumber").asText())
                    .isEqualTo(written.get(0));

            // a number of the earlier layout for another stream (another creation millisecond) is refused
            String foreign = "4" + String.format("%013d%012d%020d", createdMillis + 1, 0, 0L);
            RawHttpClient.Response refused = client.call("GetShardIterator", body().put("StreamName", "legacy")
                    .put("ShardId", "shardId-000000000000").put("ShardIteratorType", "AT_SEQUENCE_NUMBER").put("StartingSequenceNumber", foreign));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(CaseExecution.text(refused.body())).contains("InvalidArgumentException");
        }
    }
}
