package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which recorded rows a crashed run had already put: read from the destination, never guessed. */
class ReconcilerTest {
    static LocalStreams streams;

    @BeforeAll
    static void start() {
        streams = new LocalStreams();
    }

    @AfterAll
    static void stop() {
        streams.close();
    }

    static OutputRow row(String key, String json) {
        return new OutputRow(key, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rowsFoundAfterTheLastKnownPutCountOnceEachAndEarlierOnesDoNotCount() throws Exception {
        String stream = "reconcile-" + System.nanoTime();
        streams.createStream(stream, 2);
        OutputRow earlier = row("Shadowfax", "{\"alert\":1}");
        String earlierSequence = streams.put(stream, earlier.partitionKey(), earlier.text());
        String shard = streams.kinesis.listShards(r -> r.streamName(stream)).shards().stream()
                .filter(s -> new java.math.BigInteger(s.sequenceNumberRange().startingSequenceNumber())
                        .compareTo(new java.math.BigInteger(earlierSequence)) <= 0)
                .reduce((a, b) -> b).orElseThrow().shardId();

        OutputRow a = row("Shadowfax", "{\"Name\":\"Shadowfax\",\"Distance\":1}");
        OutputRow b = row("Bucephalus", "{\"Name\":\"Bucephalus\",\"Distance\":2}");
        OutputRow c = row("Rocinante", "{\"Name\":\"Rocinante\",\"Distance\":3}");
        OutputRow twice = row("Shadowfax", "{\"alert\":1}");
        List<OutputRow> pending = List.of(a, b, twice, c, twice);
        // The crashed run had put a, and one of the two identical alerts, before it died.
        streams.put(stream, a.partitionKey(), a.text());
        streams.put(stream, twice.partitionKey(), twice.text());
        streams.put(stream, "someone-else", "{\"other\":true}");

        List<OutputRow> missing = Reconciler.missing(streams.kinesis, stream,
                new AggregateState.Pending(System.currentTimeMillis(), List.of(0L), pending), Map.of(shard, earlierSequence),
                message -> { });
        assertThat(missing).as("the earlier alert (before the known position) is not one of these rows").containsExactly(b, c, twice);

        List<OutputRow> none = Reconciler.missing(streams.kinesis, stream,
                new AggregateState.Pending(System.currentTimeMillis(), List.of(0L), List.of(a)), Map.of(), message -> { });
        assertThat(none).as("no known position: from a little before the rows were recorded, on every shard").isEmpty();
    }
}
