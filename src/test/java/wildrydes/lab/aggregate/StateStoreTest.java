package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.StartPosition;

class StateStoreTest {
    @TempDir
    Path dir;

    static AggregateState sample() {
        StreamIdentity source = new StreamIdentity("wildrydes", "arn:aws:kinesis:us-east-1:000000000000:stream/wildrydes", 1_700_000_000_000L);
        StreamIdentity destination = new StreamIdentity("wildrydes-summary", "arn:aws:kinesis:us-east-1:000000000000:stream/wildrydes-summary",
                1_700_000_000_001L);
        AggregateState state = AggregateState.fresh(source, destination, 60_000, "field:Status Time",
                StartPosition.atTimestamp(Instant.ofEpochMilli(1_700_000_000_123L)));
        Checkpoint checkpoint = new Checkpoint("wildrydes", Map.of("shardId-000000000001", ShardPosition.within("4950", 3)),
                Set.of("shardId-000000000000"));
        state = state.withProgress(1_700_000_059_999L, 1_700_000_060_000L, checkpoint,
                Map.of("shardId-000000000001", ShardPosition.after("4960")));
        return state.withPending(new AggregateState.Pending(1_700_000_062_000L, List.of(1_700_000_000_000L),
                List.of(new OutputRow("Shadowfax", "{\"Name\":\"Shadowfax\"}".getBytes(StandardCharsets.UTF_8)),
                        new OutputRow("with space ü", new byte[] {0, (byte) 0xFF, '\n'}))));
    }

    @Test
    void aSavedStateReadsBackEqualAndKeepsItsPendingRows() throws IOException {
        AggregateState state = sample();
        try (StateStore store = StateStore.open(dir)) {
            assertThat(store.load()).isNull();
            store.save(state);
            AggregateState loaded = store.load();
            assertThat(loaded.encode()).isEqualTo(state.encode());
            assertThat(loaded.pending().rows()).containsExactlyElementsOf(state.pending().rows());
            assertThat(loaded.start()).isEqualTo(state.start());
            AggregateState put = loaded.withPendingPut(Map.of("shardId-000000000000", "49"));
            store.save(put);
            assertThat(store.load().pending()).isNull();
            assertThat(store.load().rowsEmitted()).isEqualTo(2);
            assertThat(store.load().destinationPositions()).containsEntry("shardId-000000000000", "49");
        }
        assertThat(Files.exists(dir.resolve("state.tmp"))).isFalse();
    }

    @Test
    void oneAggregationPerDirectory() throws IOException {
        try (StateStore first = StateStore.open(dir)) {
            assertThatThrownBy(() -> StateStore.open(dir)).hasMessageContaining("another aggregate is running with the state in");
        }
        StateStore.open(dir).close();
    }

    @Test
    void aDamagedStateIsRefusedNeverReplaced() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            store.save(sample());
        }
        byte[] good = Files.readAllBytes(dir.resolve("state"));
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] bad = good.clone();
            if (i % 2 == 0) {
                bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
            } else {
                bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length));
            }
            Files.write(dir.resolve("state"), bad);
            try (StateStore store = StateStore.open(dir)) {
                if (java.util.Arrays.equals(bad, good)) {
                    continue;
                }
                assertThatThrownBy(store::load).as("damage %d", i).hasMessageContaining("is damaged").hasMessageContaining("delete");
            }
            assertThat(Files.readAllBytes(dir.resolve("state"))).isEqualTo(bad);
        }
    }
}
