package wildrydes.lab.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.ShardPosition;
import wildrydes.lab.tail.StartPosition;

class ArchiveStateStoreTest {
    @TempDir
    Path lake;

    private static ArchiveState withIntent() {
        Checkpoint before = Checkpoint.empty("wildrydes").with("shardId-000000000000", ShardPosition.after("49600000000000000001"));
        Checkpoint after = before.withFinished("shardId-000000000000")
                .with("shardId-000000000001", ShardPosition.within("49600000000000000009", 3));
        return new ArchiveState(StartPosition.atTimestamp(Instant.parse("2026-12-03T10:15:00Z")), before,
                new Delivered(10, 1500, 1, 1500, 0),
                new ArchiveState.Intent(List.of(new ArchiveState.Move(".archive/staging/wildrydes/a", "wildrydes/2026/12/03/10/x")),
                        after, new Delivered(25, 3750, 2, 3000, 0)));
    }

    @Test
    void aStateWithItsIntentReadsBackAsItWasSaved() throws IOException {
        ArchiveState state = withIntent();
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, "wildrydes")) {
            assertThat(store.load()).isNull();
            store.save(state);
            assertThat(store.load()).isEqualTo(state);
            store.save(state.completed());
            assertThat(store.load()).isEqualTo(state.completed());
            assertThat(store.load().intent()).isNull();
            assertThat(store.load().delivered().records()).isEqualTo(25);
        }
        assertThat(Files.readString(LakeLayout.stateFile(lake, "wildrydes"))).startsWith("wildrydes-archive 1\nstart at-timestamp");
    }

    @Test
    void aDamagedStateIsRefusedNotReplaced() throws IOException {
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, "wildrydes")) {
            store.save(withIntent());
        }
        Path file = LakeLayout.stateFile(lake, "wildrydes");
        byte[] bytes = Files.readAllBytes(file);
        bytes[40] ^= 1;
        Files.write(file, bytes);
        try (ArchiveStateStore store = ArchiveStateStore.open(lake, "wildrydes")) {
            assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("is damaged")
                    .hasMessageContaining("checksum");
        }
        Files.writeString(file, "wildrydes-archive 1\nstart trim-horizon\n");
        assertThatThrownBy(() -> ArchiveStateStore.read(file)).hasMessageContaining("cut short");
    }

    @Test
    void oneArchiveProcessPerDeliveryStreamAndLake() throws IOException {
        try (ArchiveStateStore first = ArchiveStateStore.open(lake, "wildrydes");
             ArchiveStateStore other = ArchiveStateStore.open(lake, "wildrydes-gzip")) {
            assertThat(other.file()).isNotEqualTo(first.file());
            assertThatThrownBy(() -> ArchiveStateStore.open(lake, "wildrydes")).isInstanceOf(IOException.class)
                    .hasMessageContaining("another archive process is delivering wildrydes");
        }
    }
}
