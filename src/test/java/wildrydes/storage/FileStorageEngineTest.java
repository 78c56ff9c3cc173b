package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wildrydes.storage.SegmentFiles.firstSequenceOf;
import static wildrydes.storage.SegmentFiles.frameStarts;
import static wildrydes.storage.SegmentFiles.logNames;
import static wildrydes.storage.SegmentFiles.names;
import static wildrydes.storage.SegmentFiles.sizeOf;
import static wildrydes.storage.TestRecords.append;
import static wildrydes.storage.TestRecords.readAll;
import static wildrydes.storage.TestRecords.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/** Behaviour of the on-disk engine that the contract cannot see: files, restarts, index files. */
class FileStorageEngineTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final StorageOptions SMALL_SEGMENTS = StorageOptions.defaults().withSegmentMaxBytes(1024).withIndexIntervalBytes(200);

    @TempDir
    Path dataDirectory;

    private final TestClock clock = TestClock.at(T0);
    private final List<FileStorageEngine> opened = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        opened.forEach(FileStorageEngine::close);
    }

    private FileStorageEngine open(SyncMode syncMode, StorageOptions options) {
        FileStorageEngine engine = FileStorageEngine.open(dataDirectory, syncMode, options, clock, FileSyncer.SYSTEM);
        opened.add(engine);
        return engine;
    }

    private Path shardDirectory() {
        return SegmentFiles.shardDirectory(dataDirectory, "rides", 0);
    }

    /** Appends records of about 100 bytes, one per millisecond; returns what should be read back. */
    private List<Rec> appendRecords(ShardLog log, int count) {
        List<Rec> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RecordToAppend record = TestRecords.toAppend("rider-" + i, i % 3 == 0 ? String.valueOf(i) : null,
                    ("ride " + i + " " + "x".repeat(50)).getBytes(StandardCharsets.UTF_8));
            AppendResult result = append(log, record);
            written.add(Rec.of(result.firstSequence(), result.arrivalMillis(), record));
            clock.advance(1);
        }
        return written;
    }

    @Test
    void segmentsRollAtTheSizeLimitAndReadsSpanThem() throws IOException {
        // Without zeros written ahead, every file, the active one too, is exactly its frames.
        ShardLog log = open(SyncMode.FSYNC, SMALL_SEGMENTS.withPreallocateBytes(0)).shardLog("rides", 0);

        List<Rec> written = appendRecords(log, 200);

        List<String> segments = logNames(shardDirectory());
        assertThat(segments).hasSizeGreaterThan(10).first().isEqualTo("00000000000000000000.log");
        long totalBytes = 0;
        for (int i = 0; i < segments.size(); i++) {
            Path file = shardDirectory().resolve(segments.get(i));
            byte[] bytes = Files.readAllBytes(file);
            totalBytes += bytes.length;
            assertThat(ByteBuffer.wrap(bytes).getLong(8)).as("first sequence in %s", file).isEqualTo(firstSequenceOf(segments.get(i)));
            boolean sealed = i < segments.size() - 1;
            if (sealed) {
                assertThat(bytes.length).isBetween(1024, 1024 + 200);
            }
            assertThat(Files.exists(shardDirectory().resolve(segments.get(i).replace(".log", ".idx")))).isEqualTo(sealed);
        }
        assertThat(readAll(log)).isEqualTo(written);
        assertThat(log.read(95, 10, Long.MAX_VALUE).records()).extracting(StoredRecord::sequence)
                .containsExactly(95L, 96L, 97L, 98L, 99L, 100L, 101L, 102L, 103L, 104L);
        assertThat(log.sizeBytes()).isEqualTo(totalBytes);
    }

    @Test
    void segmentRollsOnceItsFirstRecordIsOlderThanTheMaxAge() {
        ShardLog log = open(SyncMode.NONE, StorageOptions.defaults().withSegmentMaxAge(Duration.ofMinutes(1))).shardLog("rides", 0);

        append(log, record("k", "a"));
        clock.advance(59_999);
        append(log, record("k", "b"));
        assertThat(logNames(shardDirectory())).containsExactly("00000000000000000000.log");
        clock.advance(1);
        append(log, record("k", "c"));

        assertThat(logNames(shardDirectory())).containsExactly("00000000000000000000.log", "00000000000000000002.log");
        assertThat(readAll(log)).extracting(Rec::dataHex).containsExactly("61", "62", "63");
    }

    @Test
    void retentionDeletesTheSegmentsWhoseRecordsAreAllTrimmed() {
        ShardLog log = open(SyncMode.NONE, SMALL_SEGMENTS).shardLog("rides", 0);
        List<Rec> written = appendRecords(log, 100);
        List<String> before = logNames(shardDirectory());
        List<String> expectedKept = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            boolean holdsKeptRecords = i == before.size() - 1 || firstSequenceOf(before.get(i + 1)) > 50;
            if (holdsKeptRecords) {
                expectedKept.add(before.get(i));
            }
        }

        long dropped = log.trimBefore(T0 + 50);

        assertThat(dropped).isEqualTo(50);
        assertThat(log.firstSequence()).isEqualTo(50);
        assertThat(expectedKept).hasSizeLessThan(before.size());
        assertThat(logNames(shardDirectory())).isEqualTo(expectedKept);
        assertThat(names(shardDirectory(), ".idx")).isEqualTo(expectedKept.subList(0, expectedKept.size() - 1).stream()
                .map(name -> name.replace(".log", ".idx")).toList());
        assertThat(readAll(log)).isEqualTo(written.subList(50, 100));
        assertThat(log.sizeBytes()).isEqualTo(expectedKept.stream().mapToLong(name -> sizeOf(shardDirectory().resolve(name))).sum());
    }

    @Test
    void anIdleActiveSegmentIsReclaimedOnceAllItsRecordsAreTrimmedAndSequencesGoOnAfterRestart() {
        FileStorageEngine engine = open(SyncMode.FSYNC, StorageOptions.defaults());
        ShardLog log = engine.shardLog("rides", 0);
        appendRecords(log, 10);

        assertThat(log.trimBefore(clock.millis())).isEqualTo(10);

        assertThat(logNames(shardDirectory())).containsExactly("00000000000000000010.log");
        assertThat(sizeOf(shardDirectory().resolve("00000000000000000010.log"))).isZero();
        assertThat(log.sizeBytes()).isZero();
        engine.close();
        ShardLog reopened = open(SyncMode.FSYNC, StorageOptions.defaults()).shardLog("rides", 0);
        assertThat(reopened.firstSequence()).isEqualTo(10);
        assertThat(reopened.committedEnd()).isEqualTo(10);
        assertThat(append(reopened, record("k", "next")).firstSequence()).isEqualTo(10);
    }

    @Test
    void restartKeepsRecordsMetadataBlobsAndTheNextSequence() {
        FileStorageEngine engine = open(SyncMode.FSYNC, SMALL_SEGMENTS);
        List<Rec> written = appendRecords(engine.shardLog("rides", 0), 60);
        append(engine.shardLog("rides", 3), record("other", "shard"));
        engine.writeMetadata("rides", new byte[] {1, 2, 3});
        engine.writeBlob("secret", new byte[] {4, 5});
        long latest = engine.shardLog("rides", 0).latestArrivalMillis();
        engine.close();

        FileStorageEngine reopened = open(SyncMode.FSYNC, SMALL_SEGMENTS);
        ShardLog log = reopened.shardLog("rides", 0);

        assertThat(readAll(log)).isEqualTo(written);
        assertThat(log.firstSequence()).isZero();
        assertThat(log.latestArrivalMillis()).isEqualTo(latest);
        assertThat(readAll(reopened.shardLog("rides", 3))).extracting(Rec::partitionKey).containsExactly("other");
        assertThat(reopened.readAllMetadata().get("rides")).containsExactly(1, 2, 3);
        assertThat(reopened.readBlob("secret")).containsExactly(4, 5);
        clock.advance(-10_000);
        AppendResult next = append(log, record("k", "after restart"));
        assertThat(next.firstSequence()).isEqualTo(60);
        assertThat(next.arrivalMillis()).isEqualTo(latest);
    }

    @Test
    void afterRestartTheTrimHorizonIsTheOldestSegmentUntilTheNextTrim() {
        FileStorageEngine engine = open(SyncMode.NONE, SMALL_SEGMENTS);
        appendRecords(engine.shardLog("rides", 0), 100);
        engine.shardLog("rides", 0).trimBefore(T0 + 50);
        long oldestSegment = firstSequenceOf(logNames(shardDirectory()).getFirst());
        engine.close();

        ShardLog log = open(SyncMode.NONE, SMALL_SEGMENTS).shardLog("rides", 0);

        assertThat(oldestSegment).isLessThan(50);
        assertThat(log.firstSequence()).isEqualTo(oldestSegment);
        assertThat(log.trimBefore(T0 + 50)).isEqualTo(50 - oldestSegment);
        assertThat(log.firstSequence()).isEqualTo(50);
    }

    enum IndexDamage { DELETED, BYTE_FLIPPED, CUT_SHORT, FROM_ANOTHER_SEGMENT }

    @ParameterizedTest
    @EnumSource(IndexDamage.class)
    void aDamagedIndexFileIsRebuiltByScanningWithTheSameResults(IndexDamage damage) throws IOException {
        FileStorageEngine engine = open(SyncMode.NONE, SMALL_SEGMENTS);
        ShardLog log = engine.shardLog("rides", 0);
        List<Rec> written = appendRecords(log, 100);
        List<Long> searches = new ArrayList<>();
        for (long time = T0 - 1; time <= T0 + 101; time++) {
            searches.add(log.sequenceAtOrAfter(time));
        }
        engine.close();
        List<String> indexes = names(shardDirectory(), ".idx");
        Path damaged = shardDirectory().resolve(indexes.get(1));
        byte[] original = Files.readAllBytes(damaged);
        switch (damage) {
            case DELETED -> Files.delete(damaged);
            case BYTE_FLIPPED -> {
                byte[] bytes = original.clone();
                bytes[bytes.length / 2] ^= 0x10;
                Files.write(damaged, bytes);
            }
            case CUT_SHORT -> Files.write(damaged, Arrays.copyOf(original, original.length / 2));
            case FROM_ANOTHER_SEGMENT -> Files.copy(shardDirectory().resolve(indexes.get(2)), damaged, StandardCopyOption.REPLACE_EXISTING);
        }

        ShardLog reopened = open(SyncMode.NONE, SMALL_SEGMENTS).shardLog("rides", 0);

        assertThat(readAll(reopened)).isEqualTo(written);
        List<Long> searchedAgain = new ArrayList<>();
        for (long time = T0 - 1; time <= T0 + 101; time++) {
            searchedAgain.add(reopened.sequenceAtOrAfter(time));
        }
        assertThat(searchedAgain).isEqualTo(searches);
        assertThat(Files.readAllBytes(damaged)).as("rewritten index").isEqualTo(original);
    }

    @Test
    void sealedSegmentsAreTrustedOnOpenAndACorruptFrameFailsTheReadThatMeetsIt() throws IOException {
        FileStorageEngine engine = open(SyncMode.NONE, SMALL_SEGMENTS);
        List<Rec> written = appendRecords(engine.shardLog("rides", 0), 100);
        engine.close();
        String segmentName = logNames(shardDirectory()).get(1);
        Path segment = shardDirectory().resolve(segmentName);
        long base = firstSequenceOf(segmentName);
        byte[] bytes = Files.readAllBytes(segment);
        int corruptFrameStart = frameStarts(bytes).get(2);
        bytes[corruptFrameStart + 40] ^= 0x01;
        Files.write(segment, bytes);

        ShardLog log = open(SyncMode.NONE, SMALL_SEGMENTS).shardLog("rides", 0);

        assertThat(log.committedEnd()).isEqualTo(100);
        ReadBatch beforeCorruption = log.read(base, 10, Long.MAX_VALUE);
        assertThat(TestRecords.views(beforeCorruption.records())).isEqualTo(written.subList((int) base, (int) base + 2));
        assertThat(beforeCorruption.nextSequence()).isEqualTo(base + 2);
        assertThat(beforeCorruption.caughtUp()).isFalse();
        assertThatThrownBy(() -> log.read(base + 2, 10, Long.MAX_VALUE))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(segment.toString())
                .hasMessageContaining("offset " + corruptFrameStart)
                .hasMessageContaining("CRC");
        assertThatThrownBy(() -> log.sequenceAtOrAfter(T0 + base + 2)).isInstanceOf(StorageException.class);
        long nextSegment = firstSequenceOf(logNames(shardDirectory()).get(2));
        assertThat(TestRecords.views(log.read(nextSegment, 100, Long.MAX_VALUE).records()))
                .isEqualTo(written.subList((int) nextSegment, 100));
    }

    @Test
    void verifyingSealedSegmentsOnOpenCutsTheLogAtTheFirstCorruptFrame() throws IOException {
        FileStorageEngine engine = open(SyncMode.NONE, SMALL_SEGMENTS);
        List<Rec> written = appendRecords(engine.shardLog("rides", 0), 100);
        engine.close();
        List<String> segments = logNames(shardDirectory());
        Path segment = shardDirectory().resolve(segments.get(1));
        long base = firstSequenceOf(segments.get(1));
        byte[] bytes = Files.readAllBytes(segment);
        int corruptFrameStart = frameStarts(bytes).get(2);
        bytes[corruptFrameStart + 40] ^= 0x01;
        Files.write(segment, bytes);

        ShardLog log = open(SyncMode.NONE, SMALL_SEGMENTS.withVerifySealedSegmentsOnOpen(true)).shardLog("rides", 0);

        assertThat(log.committedEnd()).isEqualTo(base + 2);
        assertThat(readAll(log)).isEqualTo(written.subList(0, (int) base + 2));
        assertThat(logNames(shardDirectory())).containsExactly(segments.get(0), segments.get(1));
        assertThat(sizeOf(segment)).isEqualTo((long) corruptFrameStart);
        assertThat(append(log, record("k", "after")).firstSequence()).isEqualTo(base + 2);
    }

    @Test
    void aHugeFrameLengthInASealedSegmentFailsTheReadInsteadOfAllocating() throws IOException {
        FileStorageEngine engine = open(SyncMode.NONE, SMALL_SEGMENTS);
        appendRecords(engine.shardLog("rides", 0), 30);
        engine.close();
        Path segment = shardDirectory().resolve(logNames(shardDirectory()).getFirst());
        byte[] bytes = Files.readAllBytes(segment);
        int frame = frameStarts(bytes).get(1);
        ByteBuffer.wrap(bytes).putInt(frame, 0x7FFF_FFF0);
        Files.write(segment, bytes);

        ShardLog log = open(SyncMode.NONE, SMALL_SEGMENTS).shardLog("rides", 0);

        assertThat(log.read(0, 10, Long.MAX_VALUE).records()).hasSize(1);
        assertThatThrownBy(() -> log.read(1, 10, Long.MAX_VALUE))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("offset " + frame)
                .hasMessageContaining("out of bounds");
    }

    @Test
    void aDataDirectoryIsOpenedByOneEngineAtATime() {
        FileStorageEngine first = open(SyncMode.NONE, StorageOptions.defaults());

        assertThatThrownBy(() -> open(SyncMode.NONE, StorageOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("already open");
        first.close();
        FileStorageEngine second = open(SyncMode.NONE, StorageOptions.defaults());
        assertThat(second.durable()).isFalse();
    }

    @Test
    void anUnknownStorageFormatIsRefused() throws IOException {
        Files.writeString(dataDirectory.resolve("storage-format"), "wildrydes-storage 99\n");

        assertThatThrownBy(() -> open(SyncMode.NONE, StorageOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("unknown format");
    }

    @Test
    void deleteStreamLeavesNothingOnDisk() throws IOException {
        FileStorageEngine engine = open(SyncMode.FSYNC, StorageOptions.defaults());
        engine.writeMetadata("rides", new byte[] {1});
        append(engine.shardLog("rides", 0), record("k", "a"));
        append(engine.shardLog("rides", 1), record("k", "b"));

        engine.deleteStream("rides");

        assertThat(dataDirectory.resolve("streams/rides")).doesNotExist();
        try (var trash = Files.list(dataDirectory.resolve("trash"))) {
            assertThat(trash).isEmpty();
        }
    }

    @Test
    void leftoverTrashIsEmptiedOnOpen() throws IOException {
        Path leftover = dataDirectory.resolve("trash/rides.123/shard-000000000000");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("00000000000000000000.log"), new byte[100]);

        open(SyncMode.NONE, StorageOptions.defaults());

        try (var trash = Files.list(dataDirectory.resolve("trash"))) {
            assertThat(trash).isEmpty();
        }
    }

    @Test
    void replacingMetadataAndBlobsLeavesNoTemporaryFiles() throws IOException {
        FileStorageEngine engine = open(SyncMode.FSYNC, StorageOptions.defaults());
        for (int i = 0; i < 3; i++) {
            engine.writeMetadata("rides", new byte[] {(byte) i});
            engine.writeBlob("secret", new byte[] {(byte) i});
        }

        try (var files = Files.list(dataDirectory.resolve("streams/rides"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("metadata.bin");
        }
        try (var files = Files.list(dataDirectory.resolve("blobs"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("secret");
        }
    }

    @Test
    void recordsOfRandomShapesSurviveARestart() {
        Random random = new Random(5);
        FileStorageEngine engine = open(SyncMode.NONE, SMALL_SEGMENTS);
        ShardLog log = engine.shardLog("rides", 0);
        List<Rec> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[random.nextInt(random.nextInt(10) == 0 ? 5000 : 100)];
            random.nextBytes(data);
            RecordToAppend record = TestRecords.toAppend("k" + "é".repeat(random.nextInt(5)), random.nextBoolean() ? null : "1" + i, data);
            AppendResult result = append(log, record);
            written.add(Rec.of(result.firstSequence(), result.arrivalMillis(), record));
            clock.advance(random.nextInt(3));
        }
        engine.close();

        assertThat(readAll(open(SyncMode.NONE, SMALL_SEGMENTS).shardLog("rides", 0))).isEqualTo(written);
    }

    @Test
    void readsRacingRetentionAndAppendsNeverFailAndNeverReturnTrimmedRecords() throws Exception {
        ShardLog log = open(SyncMode.NONE, SMALL_SEGMENTS.withIndexIntervalBytes(64)).shardLog("rides", 0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread appender = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                append(log, record("k", "r" + i));
                clock.advance(1);
            }
        });
        Thread trimmer = new Thread(() -> {
            while (!stop.get()) {
                log.trimBefore(clock.millis() - 30);
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(new Thread(() -> {
                while (!stop.get()) {
                    long horizon = log.firstSequence();
                    List<StoredRecord> records = log.read(0, 50, Long.MAX_VALUE).records();
                    for (int i = 0; i < records.size(); i++) {
                        StoredRecord record = records.get(i);
                        assertThat(record.sequence()).isGreaterThanOrEqualTo(horizon).isEqualTo(records.getFirst().sequence() + i);
                        assertThat(new String(record.data(), StandardCharsets.UTF_8)).isEqualTo("r" + record.sequence());
                    }
                    log.sequenceAtOrAfter(clock.millis() - 10);
                }
            }));
        }
        List<Thread> all = new ArrayList<>(readers);
        all.add(appender);
        all.add(trimmer);
        all.forEach(thread -> thread.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e)));
        all.forEach(Thread::start);

        Thread.sleep(1500);
        stop.set(true);
        for (Thread thread : all) {
            thread.join(10_000);
        }

        assertThat(failure.get()).isNull();
        assertThat(log.firstSequence()).isPositive();
        // The appender may have outrun the trimmer's last pass; one quiet pass must leave only the retained tail.
        log.trimBefore(clock.millis() - 30);
        assertThat(logNames(shardDirectory()).size()).isLessThan(10);
    }

    @Test
    void anInterruptedReaderFailsAloneAndTheLogStaysReadable() {
        ShardLog log = open(SyncMode.NONE, SMALL_SEGMENTS).shardLog("rides", 0);
        List<Rec> written = appendRecords(log, 30);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> log.read(0, 100, Long.MAX_VALUE)).isInstanceOf(StorageException.class);
        } finally {
            Thread.interrupted();
        }

        assertThat(readAll(log)).isEqualTo(written);
        assertThat(append(log, record("k", "after")).firstSequence()).isEqualTo(30);
    }
}
