package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/**
 * Opening a log costs about the same whatever it stores: the active segment is checked only after
 * its checkpoint and sealed segments' indexes are read when they are first needed. The log stays
 * the truth: a checkpoint that does not match it is ignored and the segment checked again.
 */
class ShardLogCheckpointTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String ACTIVE = "00000000000000000000.log";
    private static final String ACTIVE_INDEX = "00000000000000000000.idx";
    private static final StorageOptions SMALL_SEGMENTS = StorageOptions.defaults().withSegmentMaxBytes(1024).withIndexIntervalBytes(200);

    @TempDir
    Path temporaryDirectory;

    private final TestClock clock = TestClock.at(T0);

    private FileStorageEngine open(Path dataDirectory, SyncMode syncMode, StorageOptions options) {
        return FileStorageEngine.open(dataDirectory, syncMode, options, clock, FileSyncer.SYSTEM);
    }

    private static FileShardLog shard(FileStorageEngine engine) {
        return (FileShardLog) engine.shardLog("rides", 0);
    }

    private static Path shardDirectory(Path dataDirectory) {
        return SegmentFiles.shardDirectory(dataDirectory, "rides", 0);
    }

    private List<Rec> appendRecords(ShardLog log, Random random, int count) {
        List<Rec> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            RecordToAppend record = TestRecords.toAppend("rider-" + random.nextInt(1000), random.nextBoolean() ? null : "42", data);
            AppendResult result = append(log, record);
            written.add(Rec.of(result.firstSequence(), result.arrivalMillis(), record));
            clock.advance(1);
        }
        return written;
    }

    private List<Rec> write(Path dataDirectory, SyncMode syncMode, StorageOptions options, Random random, int count) {
        try (FileStorageEngine engine = open(dataDirectory, syncMode, options)) {
            return appendRecords(engine.shardLog("rides", 0), random, count);
        }
    }

    /** Bytes 16..23 of an index file: the length of log it describes. */
    private static long indexedLength(Path indexFile) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(indexFile)).getLong(16);
    }

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void reopeningAfterACleanCloseChecksNoneOfTheActiveSegment(SyncMode syncMode) throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, syncMode, StorageOptions.defaults(), new Random(1), 200);
        Path directory = shardDirectory(dataDirectory);
        assertThat(indexedLength(directory.resolve(ACTIVE_INDEX))).isEqualTo(sizeOf(directory.resolve(ACTIVE)));

        try (FileStorageEngine engine = open(dataDirectory, syncMode, StorageOptions.defaults())) {
            FileShardLog log = shard(engine);

            assertThat(log.scannedBytesOnOpen()).isZero();
            assertThat(readAll(log)).isEqualTo(written);
            assertThat(append(log, record("k", "next")).firstSequence()).isEqualTo(200);
        }
        try (FileStorageEngine engine = open(dataDirectory, syncMode, StorageOptions.defaults())) {
            FileShardLog log = shard(engine);

            assertThat(log.scannedBytesOnOpen()).isZero();
            assertThat(readAll(log)).hasSize(201).startsWith(written.toArray(Rec[]::new));
        }
    }

    @Test
    void aLogOpenedWithoutACheckpointIsCheckedOnceAndCheckpointedAtOnce() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults(), new Random(2), 50);
        Path directory = shardDirectory(dataDirectory);
        Files.delete(directory.resolve(ACTIVE_INDEX));

        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults())) {
            assertThat(shard(engine).scannedBytesOnOpen()).isEqualTo(sizeOf(directory.resolve(ACTIVE)));
            // A crash now: the checkpoint written on open already covers what was checked.
            assertThat(indexedLength(directory.resolve(ACTIVE_INDEX))).isEqualTo(sizeOf(directory.resolve(ACTIVE)));
        }
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults())) {
            assertThat(shard(engine).scannedBytesOnOpen()).isZero();
            assertThat(readAll(shard(engine))).isEqualTo(written);
        }
    }

    @Test
    void aCheckpointPastTheEndOfTheFileIsIgnoredAndTheSegmentRescanned() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, SyncMode.NONE, StorageOptions.defaults(), new Random(3), 20);
        Path segment = shardDirectory(dataDirectory).resolve(ACTIVE);
        byte[] bytes = Files.readAllBytes(segment);
        int cut = frameStarts(bytes).get(15);
        Files.write(segment, Arrays.copyOf(bytes, cut));

        try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, StorageOptions.defaults())) {
            FileShardLog log = shard(engine);

            assertThat(log.scannedBytesOnOpen()).isEqualTo(cut);
            assertThat(readAll(log)).isEqualTo(written.subList(0, 15));
            assertThat(append(log, record("k", "next")).firstSequence()).isEqualTo(15);
        }
    }

    enum CheckpointDamage { HEADER_BYTE_FLIPPED, ENTRY_BYTE_FLIPPED, CUT_SHORT, FROM_ANOTHER_SEGMENT, EMPTY }

    @ParameterizedTest
    @EnumSource(CheckpointDamage.class)
    void aDamagedCheckpointIsIgnoredAndTheSegmentRescanned(CheckpointDamage damage) throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        StorageOptions everyRecordIndexed = StorageOptions.defaults().withIndexIntervalBytes(0);
        List<Rec> written = write(dataDirectory, SyncMode.NONE, everyRecordIndexed, new Random(4), 30);
        Path directory = shardDirectory(dataDirectory);
        Path index = directory.resolve(ACTIVE_INDEX);
        byte[] original = Files.readAllBytes(index);
        switch (damage) {
            case HEADER_BYTE_FLIPPED -> flip(index, original, 26);
            case ENTRY_BYTE_FLIPPED -> flip(index, original, IndexFile.HEADER_BYTES + 24 * 5 + 9);
            case CUT_SHORT -> Files.write(index, Arrays.copyOf(original, original.length - 24));
            case FROM_ANOTHER_SEGMENT -> {
                ByteBuffer other = ByteBuffer.wrap(original.clone());
                other.putLong(8, 7);
                CRC32C crc = new CRC32C();
                crc.update(other.array(), 0, 52);
                other.putInt(52, (int) crc.getValue());
                Files.write(index, other.array());
            }
            case EMPTY -> Files.write(index, new byte[0]);
        }

        try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, everyRecordIndexed)) {
            FileShardLog log = shard(engine);

            assertThat(log.scannedBytesOnOpen()).isEqualTo(sizeOf(directory.resolve(ACTIVE)));
            assertThat(readAll(log)).isEqualTo(written);
        }
        assertThat(Files.readAllBytes(index)).as("rewritten").isEqualTo(original);
    }

    private static void flip(Path file, byte[] original, int offset) throws IOException {
        byte[] bytes = original.clone();
        bytes[offset] ^= 0x21;
        Files.write(file, bytes);
    }

    @Test
    void aTornTailAfterTheCheckpointIsTruncatedAndReported() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        Random random = new Random(5);
        List<Rec> written = new ArrayList<>(write(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults(), random, 10));
        Path segment = shardDirectory(dataDirectory).resolve(ACTIVE);
        Path index = shardDirectory(dataDirectory).resolve(ACTIVE_INDEX);
        byte[] checkpointAfterTen = Files.readAllBytes(index);
        long checkpointed = sizeOf(segment);
        written.addAll(write(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults(), random, 5));
        // A crash: the last checkpoint was taken after ten records, the last record is torn.
        Files.write(index, checkpointAfterTen);
        byte[] bytes = Files.readAllBytes(segment);
        int lastFrame = frameStarts(bytes).get(14);
        int cut = lastFrame + (bytes.length - lastFrame) / 2;
        Files.write(segment, Arrays.copyOf(bytes, cut));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;

        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, StorageOptions.defaults())) {
            FileShardLog log = shard(engine);
            System.setErr(originalErr);

            assertThat(log.scannedBytesOnOpen()).isEqualTo(cut - checkpointed);
            assertThat(sizeOf(segment)).isEqualTo(lastFrame);
            assertThat(readAll(log)).isEqualTo(written.subList(0, 14));
            assertThat(append(log, record("k", "next")).firstSequence()).isEqualTo(14);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("WARN")
                .contains(segment.toString())
                .contains("offset " + lastFrame)
                .contains("dropped " + (cut - lastFrame) + " bytes");
    }

    @Test
    void randomCorruptionAfterTheCheckpointStillRecoversToTheValidPrefix() throws IOException {
        Random random = new Random(20_250_101);
        for (int iteration = 0; iteration < 150; iteration++) {
            Path dataDirectory = temporaryDirectory.resolve("run-" + iteration);
            int checkpointedRecords = 1 + random.nextInt(10);
            List<Rec> written = new ArrayList<>(write(dataDirectory, SyncMode.NONE, StorageOptions.defaults(), random,
                    checkpointedRecords));
            Path segment = shardDirectory(dataDirectory).resolve(ACTIVE);
            Path index = shardDirectory(dataDirectory).resolve(ACTIVE_INDEX);
            byte[] checkpoint = Files.readAllBytes(index);
            int checkpointed = (int) sizeOf(segment);
            written.addAll(write(dataDirectory, SyncMode.NONE, StorageOptions.defaults(), random, 1 + random.nextInt(10)));
            Files.write(index, checkpoint);
            byte[] bytes = Files.readAllBytes(segment);
            List<Integer> starts = frameStarts(bytes);
            int position = checkpointed + random.nextInt(bytes.length - checkpointed);
            bytes[position] ^= (byte) (1 + random.nextInt(255));
            Files.write(segment, bytes);
            boolean damagedCheckpoint = random.nextInt(4) == 0;
            if (damagedCheckpoint) {
                flip(index, checkpoint, random.nextInt(checkpoint.length));
            }
            int survivors = frameContaining(starts, position);
            String context = "iteration " + iteration + ", byte " + position + " of " + bytes.length
                    + (damagedCheckpoint ? ", damaged checkpoint" : "");

            try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, StorageOptions.defaults())) {
                FileShardLog log = shard(engine);

                assertThat(log.scannedBytesOnOpen()).as(context).isEqualTo(damagedCheckpoint ? bytes.length : bytes.length - checkpointed);
                assertThat(readAll(log)).as(context).isEqualTo(written.subList(0, survivors));
                assertThat(sizeOf(segment)).as(context).isEqualTo((long) starts.get(survivors));
                assertThat(append(log, record("after", "recovery")).firstSequence()).as(context).isEqualTo(survivors);
            }
        }
    }

    @Test
    void theActiveSegmentIsCheckpointedWhileItGrowsSoACrashChecksOnlyTheTail() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        // No zeros written ahead: they would be scanned too (they are not records, see SegmentPreallocationTest).
        StorageOptions options = StorageOptions.defaults().withCheckpointIntervalBytes(2_000).withPreallocateBytes(0);
        Path crashed = temporaryDirectory.resolve("crashed");
        List<Rec> written;
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, options)) {
            written = appendRecords(engine.shardLog("rides", 0), new Random(6), 300);
            // The files as a crash would leave them; the checkpoint is written after the appends complete.
            awaitCheckpointWithin(shardDirectory(dataDirectory), 2_000 + 400);
            SegmentFiles.copyShard(dataDirectory, crashed, "rides", 0);
        }
        Path segment = shardDirectory(crashed).resolve(ACTIVE);
        long checkpointed = indexedLength(shardDirectory(crashed).resolve(ACTIVE_INDEX));

        try (FileStorageEngine engine = open(crashed, SyncMode.FSYNC, options)) {
            FileShardLog log = shard(engine);

            assertThat(log.scannedBytesOnOpen()).isEqualTo(sizeOf(segment) - checkpointed).isLessThan(2_000 + 400);
            assertThat(readAll(log)).isEqualTo(written);
        }
    }

    /** Waits for the fsync thread to write the checkpoint that follows the last commit. */
    private static void awaitCheckpointWithin(Path directory, long bytes) throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            Path index = directory.resolve(ACTIVE_INDEX);
            if (Files.exists(index) && sizeOf(directory.resolve(ACTIVE)) - indexedLength(index) < bytes) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no checkpoint within " + bytes + " bytes of the end");
    }

    @Test
    void sealedSegmentIndexesAreLoadedOnlyWhenReadAndReadsAreCorrectAfterReopen() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, SyncMode.NONE, SMALL_SEGMENTS, new Random(7), 150);
        List<Long> searches = new ArrayList<>();
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, SMALL_SEGMENTS)) {
            for (long time = T0 - 1; time <= T0 + 151; time++) {
                searches.add(engine.shardLog("rides", 0).sequenceAtOrAfter(time));
            }
        }

        try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, SMALL_SEGMENTS)) {
            FileShardLog log = shard(engine);
            List<Segment> segments = log.segments();
            assertThat(segments).hasSizeGreaterThan(10);
            List<Segment> sealed = segments.subList(0, segments.size() - 1);

            assertThat(log.scannedBytesOnOpen()).isZero();
            assertThat(sealed).noneMatch(Segment::indexLoaded);
            Segment third = sealed.get(2);
            assertThat(log.read(third.firstSequence() + 1, 1, Long.MAX_VALUE).records()).extracting(StoredRecord::sequence)
                    .containsExactly(third.firstSequence() + 1);
            assertThat(sealed).filteredOn(Segment::indexLoaded).containsExactly(third);

            assertThat(readAll(log)).isEqualTo(written);
            List<Long> searchedAgain = new ArrayList<>();
            for (long time = T0 - 1; time <= T0 + 151; time++) {
                searchedAgain.add(log.sequenceAtOrAfter(time));
            }
            assertThat(searchedAgain).isEqualTo(searches);
        }
    }

    @Test
    void aSealedSegmentIndexFoundDamagedWhenFirstReadIsRebuiltFromTheLog() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, SyncMode.NONE, SMALL_SEGMENTS, new Random(8), 100);
        Path directory = shardDirectory(dataDirectory);
        Path index = directory.resolve(logNames(directory).get(1).replace(".log", ".idx"));
        byte[] original = Files.readAllBytes(index);
        // An entry is damaged: the header, all that opening reads, is intact.
        flip(index, original, original.length - 10);

        try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, SMALL_SEGMENTS)) {
            FileShardLog log = shard(engine);

            assertThat(readAll(log)).isEqualTo(written);
        }
        assertThat(Files.readAllBytes(index)).isEqualTo(original);
    }

    @Test
    void corruptionInsideACheckpointedPrefixFailsTheReadThatMeetsItOrIsCutWhenVerifyingOnOpen() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        List<Rec> written = write(dataDirectory, SyncMode.NONE, StorageOptions.defaults(), new Random(9), 10);
        Path segment = shardDirectory(dataDirectory).resolve(ACTIVE);
        byte[] bytes = Files.readAllBytes(segment);
        int damagedFrame = frameStarts(bytes).get(6);
        bytes[damagedFrame + 30] ^= 0x40;
        Files.write(segment, bytes);

        try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, StorageOptions.defaults())) {
            ShardLog log = engine.shardLog("rides", 0);

            assertThat(log.read(0, 100, Long.MAX_VALUE).records()).hasSize(6);
            assertThatThrownBy(() -> log.read(6, 100, Long.MAX_VALUE))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(segment.toString())
                    .hasMessageContaining("offset " + damagedFrame);
        }
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, StorageOptions.defaults().withVerifySealedSegmentsOnOpen(true))) {
            FileShardLog log = shard(engine);

            assertThat(log.scannedBytesOnOpen()).isEqualTo(bytes.length);
            assertThat(readAll(log)).isEqualTo(written.subList(0, 6));
            assertThat(sizeOf(segment)).isEqualTo(damagedFrame);
        }
    }
}
