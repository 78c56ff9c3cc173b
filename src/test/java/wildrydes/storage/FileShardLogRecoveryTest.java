package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.storage.SegmentFiles.firstSequenceOf;
import static wildrydes.storage.SegmentFiles.frameContaining;
import static wildrydes.storage.SegmentFiles.frameStarts;
import static wildrydes.storage.SegmentFiles.logNames;
import static wildrydes.storage.SegmentFiles.sizeOf;
import static wildrydes.storage.TestRecords.append;
import static wildrydes.storage.TestRecords.readAll;
import static wildrydes.storage.TestRecords.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/** Opening a shard log whose files a crash, a torn write or bit rot has damaged. */
class FileShardLogRecoveryTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final StorageOptions SMALL_SEGMENTS = StorageOptions.defaults().withSegmentMaxBytes(1024).withIndexIntervalBytes(200);

    @TempDir
    Path temporaryDirectory;

    private final TestClock clock = TestClock.at(T0);

    private FileStorageEngine open(Path dataDirectory, StorageOptions options) {
        return FileStorageEngine.open(dataDirectory, SyncMode.NONE, options, clock, FileSyncer.SYSTEM);
    }

    private static Path shardDirectory(Path dataDirectory) {
        return SegmentFiles.shardDirectory(dataDirectory, "rides", 0);
    }

    /** Writes the records one append each and returns what should be read back. */
    private List<Rec> write(Path dataDirectory, StorageOptions options, List<RecordToAppend> records) {
        List<Rec> written = new ArrayList<>();
        try (FileStorageEngine engine = open(dataDirectory, options)) {
            ShardLog log = engine.shardLog("rides", 0);
            for (RecordToAppend record : records) {
                AppendResult result = append(log, record);
                written.add(Rec.of(result.firstSequence(), result.arrivalMillis(), record));
                clock.advance(1);
            }
        }
        return written;
    }

    private static List<RecordToAppend> randomRecords(Random random, int count) {
        List<RecordToAppend> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            String partitionKey = "rider-" + random.nextInt(1000) + "ü".repeat(random.nextInt(3));
            records.add(TestRecords.toAppend(partitionKey, random.nextBoolean() ? null : String.valueOf(random.nextLong() >>> 1), data));
        }
        return records;
    }

    @Test
    void recoveryTruncatesTornTailToLastValidRecord() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, StorageOptions.defaults(), randomRecords(new Random(1), 6));
        Path segment = shardDirectory(dataDirectory).resolve("00000000000000000000.log");
        byte[] intact = Files.readAllBytes(segment);
        int lastFrame = frameStarts(intact).get(5);

        for (int cut = lastFrame; cut < intact.length; cut++) {
            Files.write(segment, Arrays.copyOf(intact, cut));
            try (FileStorageEngine engine = open(dataDirectory, StorageOptions.defaults())) {
                ShardLog log = engine.shardLog("rides", 0);

                assertThat(readAll(log)).as("records after a cut at %d", cut).isEqualTo(written.subList(0, 5));
                assertThat(log.committedEnd()).isEqualTo(5);
                assertThat(sizeOf(segment)).isEqualTo((long) lastFrame);
            }
        }
        try (FileStorageEngine engine = open(dataDirectory, StorageOptions.defaults())) {
            ShardLog log = engine.shardLog("rides", 0);
            assertThat(append(log, record("k", "next")).firstSequence()).isEqualTo(5);
            assertThat(readAll(log)).hasSize(6).startsWith(written.subList(0, 5).toArray(Rec[]::new));
        }
    }

    /**
     * A crash before the active segment's first checkpoint: without its index file all of it is
     * checked. (A closed log checkpoints its active segment, whose bytes are then trusted on open
     * like a sealed segment's: see {@link ShardLogCheckpointTest}.)
     */
    private static void removeCheckpoint(Path segment) throws IOException {
        Files.delete(segment.resolveSibling(segment.getFileName().toString().replace(".log", ".idx")));
    }

    @Test
    void recoveryKeepsExactlyThePrefixBeforeARandomlyCorruptedByte() throws IOException {
        Random random = new Random(20_240_601);
        for (int iteration = 0; iteration < 200; iteration++) {
            Path dataDirectory = temporaryDirectory.resolve("run-" + iteration);
            List<Rec> written = write(dataDirectory, StorageOptions.defaults(), randomRecords(random, 1 + random.nextInt(20)));
            Path segment = shardDirectory(dataDirectory).resolve("00000000000000000000.log");
            removeCheckpoint(segment);
            byte[] bytes = Files.readAllBytes(segment);
            List<Integer> starts = frameStarts(bytes);
            int position = random.nextInt(bytes.length);
            bytes[position] ^= (byte) (1 + random.nextInt(255));
            Files.write(segment, bytes);
            int survivors = frameContaining(starts, position);

            try (FileStorageEngine engine = open(dataDirectory, StorageOptions.defaults())) {
                ShardLog log = engine.shardLog("rides", 0);

                String context = "iteration " + iteration + ", byte " + position + " of " + bytes.length;
                assertThat(readAll(log)).as(context).isEqualTo(written.subList(0, survivors));
                assertThat(sizeOf(segment)).as(context).isEqualTo((long) starts.get(survivors));
                RecordToAppend next = record("after", "recovery " + iteration);
                AppendResult result = append(log, next);
                assertThat(result.firstSequence()).as(context).isEqualTo(survivors);
                assertThat(readAll(log)).as(context).hasSize(survivors + 1).last()
                        .isEqualTo(Rec.of(survivors, result.arrivalMillis(), next));
            }
        }
    }

    @Test
    void aHugeFrameLengthInTheActiveSegmentIsTreatedAsCorruptWithoutAllocatingForIt() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, StorageOptions.defaults(), randomRecords(new Random(2), 10));
        Path segment = shardDirectory(dataDirectory).resolve("00000000000000000000.log");
        removeCheckpoint(segment);
        byte[] bytes = Files.readAllBytes(segment);
        int corrupted = frameStarts(bytes).get(4);
        ByteBuffer.wrap(bytes).putInt(corrupted, 0x7FFF_FFF0);
        Files.write(segment, bytes);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        try (FileStorageEngine engine = open(dataDirectory, StorageOptions.defaults())) {
            ShardLog log = engine.shardLog("rides", 0);
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

            assertThat(allocated).isLessThan(16L << 20);
            assertThat(readAll(log)).isEqualTo(written.subList(0, 4));
            assertThat(sizeOf(segment)).isEqualTo((long) corrupted);
        }
    }

    @Test
    void segmentsAfterATruncatedSegmentAreDeleted() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, SMALL_SEGMENTS, randomRecords(new Random(3), 60));
        Path directory = shardDirectory(dataDirectory);
        List<String> segments = logNames(directory);
        assertThat(segments).hasSizeGreaterThan(4);
        // A crash after a roll but before the sealed segment was fsynced and indexed: no index, torn data.
        Path torn = directory.resolve(segments.get(2));
        Files.delete(directory.resolve(segments.get(2).replace(".log", ".idx")));
        byte[] bytes = Files.readAllBytes(torn);
        int brokenFrame = frameStarts(bytes).get(1);
        bytes[brokenFrame + 20] ^= 0x55;
        Files.write(torn, bytes);
        long lastValid = firstSequenceOf(segments.get(2)) + 1;

        try (FileStorageEngine engine = open(dataDirectory, SMALL_SEGMENTS)) {
            ShardLog log = engine.shardLog("rides", 0);

            assertThat(logNames(directory)).containsExactlyElementsOf(segments.subList(0, 3));
            assertThat(sizeOf(torn)).isEqualTo((long) brokenFrame);
            assertThat(readAll(log)).isEqualTo(written.subList(0, (int) lastValid));
            assertThat(append(log, record("k", "next")).firstSequence()).isEqualTo(lastValid);
        }
    }

    @Test
    void anEmptyTrailingSegmentFileIsFine() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, StorageOptions.defaults(), randomRecords(new Random(4), 5));
        Path directory = shardDirectory(dataDirectory);
        Files.createFile(directory.resolve("00000000000000000005.log"));

        try (FileStorageEngine engine = open(dataDirectory, StorageOptions.defaults())) {
            ShardLog log = engine.shardLog("rides", 0);

            assertThat(readAll(log)).isEqualTo(written);
            assertThat(append(log, record("k", "next")).firstSequence()).isEqualTo(5);
            assertThat(sizeOf(directory.resolve("00000000000000000005.log"))).isPositive();
        }
    }

    @Test
    void aLogWhoseOnlySegmentIsEmptyGoesOnFromItsName() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        Path directory = shardDirectory(dataDirectory);
        Files.createDirectories(directory);
        Files.createFile(directory.resolve("00000000000000000042.log"));

        try (FileStorageEngine engine = open(dataDirectory, StorageOptions.defaults())) {
            ShardLog log = engine.shardLog("rides", 0);

            assertThat(log.firstSequence()).isEqualTo(42);
            assertThat(log.committedEnd()).isEqualTo(42);
            assertThat(append(log, record("k", "next")).firstSequence()).isEqualTo(42);
        }
    }

    @Test
    void missingOlderSegmentsDropTheSegmentsBeforeTheGapSoNoSequenceIsReused() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, SMALL_SEGMENTS, randomRecords(new Random(5), 60));
        Path directory = shardDirectory(dataDirectory);
        List<String> segments = logNames(directory);
        Files.delete(directory.resolve(segments.get(1)));
        long afterGap = firstSequenceOf(segments.get(2));

        try (FileStorageEngine engine = open(dataDirectory, SMALL_SEGMENTS)) {
            ShardLog log = engine.shardLog("rides", 0);

            assertThat(log.firstSequence()).isEqualTo(afterGap);
            assertThat(logNames(directory)).containsExactlyElementsOf(segments.subList(2, segments.size()));
            assertThat(readAll(log)).isEqualTo(written.subList((int) afterGap, written.size()));
            assertThat(append(log, record("k", "next")).firstSequence()).isEqualTo(60);
        }
    }

    @Test
    void truncationIsLoggedWithTheFileTheOffsetAndTheBytesDropped() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        write(dataDirectory, StorageOptions.defaults(), randomRecords(new Random(6), 3));
        Path segment = shardDirectory(dataDirectory).resolve("00000000000000000000.log");
        byte[] bytes = Files.readAllBytes(segment);
        int lastFrame = frameStarts(bytes).get(2);
        Files.write(segment, Arrays.copyOf(bytes, bytes.length - 3));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;

        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (FileStorageEngine engine = open(dataDirectory, StorageOptions.defaults())) {
            engine.shardLog("rides", 0);
        } finally {
            System.setErr(originalErr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("WARN")
                .contains(segment.toString())
                .contains("offset " + lastFrame)
                .contains("dropped " + (bytes.length - 3 - lastFrame) + " bytes");
    }
}
