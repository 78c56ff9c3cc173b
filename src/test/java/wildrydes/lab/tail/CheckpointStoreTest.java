package wildrydes.lab.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint as text and as a file: round trips, damage refused, one user at a time. */
class CheckpointStoreTest {
    @TempDir
    Path dir;

    static Checkpoint sample() {
        return Checkpoint.empty("wildrydes").withFinished("shardId-000000000000")
                .with("shardId-000000000001", ShardPosition.after("49590338271490256608559692538361571095921575989136588818"))
                .with("shardId-000000000002", ShardPosition.within("49590338271490256608559692540000000000000000000000000002", 3));
    }

    @Test
    void theTextFormatIsOneLinePerShardAndReadsBackTheSame() {
        assertThat(sample().encode()).isEqualTo("""
                stream wildrydes
                shard shardId-000000000000 finished
                shard shardId-000000000001 after 49590338271490256608559692538361571095921575989136588818
                shard shardId-000000000002 within 49590338271490256608559692540000000000000000000000000002 3
                """);
        assertThat(Checkpoint.decode(sample().encode())).isEqualTo(sample());
        assertThat(Checkpoint.decode("")).isEqualTo(new Checkpoint(null, java.util.Map.of(), java.util.Set.of()));
    }

    @Test
    void textThatIsNotACheckpointIsRefusedNamingTheLine() {
        for (String bad : new String[] {"stream a\nshard x sideways 5\n", "shard x after abc\n", "shard x after 1\nshard x finished\n",
                "shard x within 5\n", "hello\n", "stream a\nstream b\n"}) {
            assertThatThrownBy(() -> Checkpoint.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("line ");
        }
    }

    @Test
    void aSavedCheckpointLoadsBackAndNoTemporaryFileRemains() throws IOException {
        Path file = dir.resolve("state/consumer.checkpoint");
        try (CheckpointStore store = CheckpointStore.open(file)) {
            assertThat(store.load("wildrydes")).isEqualTo(Checkpoint.empty("wildrydes"));
            store.save(sample());
            assertThat(store.load("wildrydes")).isEqualTo(sample());
            Checkpoint later = sample().withFinished("shardId-000000000001");
            store.save(later);
            assertThat(store.load("wildrydes")).isEqualTo(later);
        }
        assertThat(Files.readString(file)).startsWith("wildrydes-checkpoint 1\nstream wildrydes\n").containsPattern("crc32c [0-9a-f]{8}\n$");
        assertThat(file.resolveSibling("consumer.checkpoint.tmp")).doesNotExist();
    }

    @Test
    void aDamagedFileIsRefusedNeverReplacedByAnEmptyCheckpoint() throws IOException {
        Path file = dir.resolve("c");
        try (CheckpointStore store = CheckpointStore.open(file)) {
            store.save(sample());
        }
        byte[] good = Files.readAllBytes(file);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] bad = good.clone();
            if (random.nextBoolean()) {
                bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length)); // torn
            } else {
                int at = random.nextInt(bad.length);
                bad[at] = (byte) (bad[at] ^ (1 << random.nextInt(8))); // a flipped bit
            }
            Files.write(file, bad);
            try (CheckpointStore store = CheckpointStore.open(file)) {
                assertThatThrownBy(() -> store.load("wildrydes")).as("round %d", round).isInstanceOf(IOException.class)
                        .hasMessageContaining("is damaged").hasMessageContaining("delete it");
            }
        }
    }

    @Test
    void aCheckpointOfAnotherStreamIsRefused() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(dir.resolve("c"))) {
            store.save(sample());
            assertThatThrownBy(() -> store.load("other")).hasMessageContaining("belongs to stream wildrydes, not other");
        }
    }

    @Test
    void oneCheckpointHasOneUserAtATime() throws IOException {
        Path file = dir.resolve("c");
        try (CheckpointStore first = CheckpointStore.open(file)) {
            assertThat(first.file()).isEqualTo(file.toAbsolutePath());
            assertThatThrownBy(() -> CheckpointStore.open(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("another process is using the checkpoint");
        }
        CheckpointStore.open(file).close(); // free again once closed
    }

    @Test
    void positionsCompareAsKinesisSequenceNumbers() {
        ShardPosition whole = ShardPosition.after("100");
        ShardPosition partial = ShardPosition.within("100", 2);
        assertThat(whole.covers(BigInteger.valueOf(99), 0)).isTrue();
        assertThat(whole.covers(BigInteger.valueOf(100), 7)).isTrue();
        assertThat(whole.covers(BigInteger.valueOf(101), 0)).isFalse();
        assertThat(partial.covers(BigInteger.valueOf(100), 2)).isTrue();
        assertThat(partial.covers(BigInteger.valueOf(100), 3)).isFalse();
        assertThat(partial.coversWhole(BigInteger.valueOf(100))).isFalse();
        assertThat(whole.resumeAt()).isEqualTo(StartPosition.afterSequenceNumber("100"));
        assertThat(partial.resumeAt()).isEqualTo(StartPosition.atSequenceNumber("100"));
    }
}
