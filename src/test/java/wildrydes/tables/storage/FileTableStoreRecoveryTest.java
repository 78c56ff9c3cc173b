package wildrydes.tables.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery of the table journal from torn tails, corruption and crashes, in seeded loops. */
class FileTableStoreRecoveryTest {
    private static final int BATCHES = 40;

    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes BATCHES batches, batch i putting key k{i} with a value of a size that varies with i. */
    static void writeBatches(TableStore store, int from, int to) {
        for (int i = from; i < to; i++) {
            store.apply(List.of(new Mutation.Put("t", b("k" + String.format("%03d", i)), new byte[10 + (i * 37) % 300]))).join();
        }
    }

    static FileTableStore open(Path dir) {
        return FileTableStore.open(dir, Syncer.SYSTEM, Long.MAX_VALUE);
    }

    static Path onlySegment(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("journal-")).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    /** The number of batches present, checking they are exactly the first ones (a prefix, nothing after a gap). */
    static int prefixPresent(TableStore store) {
        Keyspace t = store.keyspace("t");
        if (t == null) {
            return -1;
        }
        int present = 0;
        while (present < BATCHES && t.get(b("k" + String.format("%03d", present))) != null) {
            present++;
        }
        assertThat(t.count()).as("only a prefix of the batches survives").isEqualTo(present);
        return present;
    }

    @Test
    void aTornTailIsCutAndEveryWholeBatchBeforeItKept() throws IOException {
        Random random = new Random(20240601L);
        for (int round = 0; round < 25; round++) {
            Path d = dir.resolve("torn-" + round);
            try (FileTableStore store = open(d)) {
                store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")))).join();
                writeBatches(store, 0, BATCHES);
            }
            Path segment = onlySegment(d);
            long size = Files.size(segment);
            long cut = random.nextLong(size);
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            int present;
            try (FileTableStore store = open(d)) {
                present = prefixPresent(store);
                store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")), new Mutation.Put("t", b("after"), b("x")))).join();
            }
            try (FileTableStore store = open(d)) {
                assertThat(store.keyspace("t").get(b("after"))).as("a write after recovery, round " + round).isNotNull();
                assertThat(prefixPresentIgnoring(store, "after")).isEqualTo(present);
            }
        }
    }

    @Test
    void aCorruptByteEndsTheJournalAtTheFrameItHits() throws IOException {
        Random random = new Random(77L);
        for (int round = 0; round < 25; round++) {
            Path d = dir.resolve("corrupt-" + round);
            try (FileTableStore store = open(d)) {
                store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")))).join();
                writeBatches(store, 0, BATCHES);
            }
            Path segment = onlySegment(d);
            long size = Files.size(segment);
            long at = random.nextLong(size);
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                channel.read(one, at);
                one.put(0, (byte) (one.get(0) ^ (1 + random.nextInt(255)))).rewind();
                channel.write(one, at);
            }
            try (FileTableStore store = open(d)) {
                int present = prefixPresent(store);
                assertThat(present).as("round " + round + ": batches before the damaged one").isLessThan(BATCHES);
                assertThat(Files.size(segment)).as("the damaged tail is cut off").isLessThan(size);
            }
        }
    }

    @Test
    void garbageAfterTheLastBatchIsDroppedAndNothingBeforeIt() throws IOException {
        try (FileTableStore store = open(dir)) {
            store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")))).join();
            writeBatches(store, 0, BATCHES);
        }
        Files.write(onlySegment(dir), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, StandardOpenOption.APPEND);
        try (FileTableStore store = open(dir)) {
            assertThat(prefixPresent(store)).isEqualTo(BATCHES);
        }
    }

    @Test
    void aStoreCopiedWhileRunningOpensWithEverythingWrittenSoFar() throws IOException {
        Path copy = dir.resolve("copy");
        try (FileTableStore store = open(dir.resolve("live"))) {
            store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")))).join();
            writeBatches(store, 0, BATCHES);
            // What a kill -9 leaves: the files as the OS has them, zeros ahead of the writer, no clean close.
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(dir.resolve("live"))) {
                for (Path f : files.filter(p -> !p.getFileName().toString().equals("LOCK")).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        try (FileTableStore store = open(copy)) {
            assertThat(prefixPresent(store)).isEqualTo(BATCHES);
        }
    }

    @Test
    void snapshotsBoundTheJournalAndRestartReadsTheSnapshotThenTheRest() throws Exception {
        try (FileTableStore store = FileTableStore.open(dir, Syncer.SYSTEM, 2048)) {
            store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")))).join();
            writeBatches(store, 0, 20);
            store.snapshot();
            writeBatches(store, 20, BATCHES);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names.stream().filter(n -> n.startsWith("snapshot-"))).hasSize(1);
            assertThat(names.stream().filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
        try (FileTableStore store = open(dir)) {
            assertThat(prefixPresent(store)).isEqualTo(BATCHES);
            assertThat(new String(store.keyspace("t").metadata(), StandardCharsets.UTF_8)).isEqualTo("meta");
        }
    }

    @Test
    void aDamagedSnapshotWithNoJournalBeforeItStopsTheStartWithAClearMessage() throws Exception {
        try (FileTableStore store = open(dir)) {
            store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")))).join();
            writeBatches(store, 0, 10);
            store.snapshot();
            writeBatches(store, 10, 12);
        }
        Path snapshot;
        try (Stream<Path> files = Files.list(dir)) {
            snapshot = files.filter(p -> p.getFileName().toString().startsWith("snapshot-")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(snapshot, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(snapshot) / 2);
        }
        assertThatThrownBy(() -> open(dir)).isInstanceOf(StoreException.class).hasMessageContaining("batches in between are missing");
    }

    @Test
    void aFailedFsyncFailsTheWriteAndEveryLaterOne() {
        AtomicInteger forces = new AtomicInteger();
        Syncer failing = new Syncer() {
            @Override
            public void force(FileChannel channel) throws IOException {
                if (forces.incrementAndGet() > 2) {
                    throw new IOException("disk on fire");
                }
                channel.force(false);
            }

            @Override
            public void syncDirectory(Path directory) {
            }
        };
        try (FileTableStore store = FileTableStore.open(dir, failing, Long.MAX_VALUE)) {
            store.apply(List.of(new Mutation.PutKeyspace("t", b("meta")))).join();
            CompletableFuture<Void> doomed = null;
            for (int i = 0; i < 5 && (doomed == null || !doomed.isCompletedExceptionally()); i++) {
                doomed = store.apply(List.of(new Mutation.Put("t", b("k" + i), b("v"))));
                try {
                    doomed.get();
                } catch (ExecutionException | InterruptedException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreException.class).hasMessageContaining("disk on fire");
                }
            }
            assertThat(doomed.isCompletedExceptionally()).isTrue();
            assertThatThrownBy(() -> store.apply(List.of(new Mutation.Put("t", b("later"), b("v"))))).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        try (FileTableStore store = open(dir)) {
            assertThatThrownBy(() -> open(dir)).isInstanceOf(StoreException.class).hasMessageContaining("Another server");
        }
    }

    private static int prefixPresentIgnoring(TableStore store, String extra) {
        Keyspace t = store.keyspace("t");
        int present = 0;
        while (present < BATCHES && t.get(b("k" + String.format("%03d", present))) != null) {
            present++;
        }
        assertThat(t.count()).isEqualTo(present + (t.get(b(extra)) == null ? 0 : 1));
        return present;
    }

}
