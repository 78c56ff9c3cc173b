package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static wildrydes.storage.SegmentFiles.logNames;
import static wildrydes.storage.SegmentFiles.sizeOf;
import static wildrydes.storage.TestRecords.append;
import static wildrydes.storage.TestRecords.readAll;
import static wildrydes.storage.TestRecords.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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

/**
 * With fsync, the active segment is extended with zeros ahead of the appends, so that an fsync
 * flushes data only. The zeros are never records: sealing and closing cut them off, and recovery
 * after a crash cuts them off without calling them damage.
 */
class SegmentPreallocationTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String ACTIVE = "00000000000000000000.log";
    private static final int AHEAD = 64 * 1024;
    private static final StorageOptions OPTIONS = StorageOptions.defaults().withPreallocateBytes(AHEAD);

    @TempDir
    Path temporaryDirectory;

    private final TestClock clock = TestClock.at(T0);

    private FileStorageEngine open(Path dataDirectory, SyncMode syncMode, StorageOptions options) {
        return FileStorageEngine.open(dataDirectory, syncMode, options, clock, FileSyncer.SYSTEM);
    }

    private static Path shardDirectory(Path dataDirectory) {
        return SegmentFiles.shardDirectory(dataDirectory, "rides", 0);
    }

    private List<Rec> appendRecords(ShardLog log, Random random, int count) {
        List<Rec> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            RecordToAppend record = TestRecords.toAppend("rider-" + random.nextInt(1000), null, data);
            AppendResult result = append(log, record);
            written.add(Rec.of(result.firstSequence(), result.arrivalMillis(), record));
            clock.advance(1);
        }
        return written;
    }

    private static boolean allZeros(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void appendsGoIntoZerosWrittenAheadOfThem() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, OPTIONS)) {
            ShardLog log = engine.shardLog("rides", 0);
            List<Rec> written = appendRecords(log, new Random(1), 20);

            byte[] file = Files.readAllBytes(shardDirectory(dataDirectory).resolve(ACTIVE));
            assertThat(log.sizeBytes()).isPositive().isLessThan(AHEAD);
            assertThat(file.length).isEqualTo(AHEAD);
            assertThat(allZeros(file, (int) log.sizeBytes())).isTrue();
            assertThat(readAll(log)).isEqualTo(written);
        }
    }

    @Test
    void withoutFsyncNothingIsWrittenAhead() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.NONE, OPTIONS)) {
            ShardLog log = engine.shardLog("rides", 0);
            appendRecords(log, new Random(2), 20);

            assertThat(sizeOf(shardDirectory(dataDirectory).resolve(ACTIVE))).isEqualTo(log.sizeBytes());
        }
    }

    @Test
    void sealedSegmentsAndACleanlyClosedActiveOneAreExactlyTheirFrames() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        StorageOptions smallSegments = OPTIONS.withSegmentMaxBytes(4096);
        List<Rec> written;
        long logBytes;
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, smallSegments)) {
            ShardLog log = engine.shardLog("rides", 0);
            written = appendRecords(log, new Random(3), 200);
            logBytes = log.sizeBytes();
        }

        List<String> segments = logNames(shardDirectory(dataDirectory));
        assertThat(segments).hasSizeGreaterThan(3);
        long onDisk = 0;
        for (String name : segments) {
            byte[] file = Files.readAllBytes(shardDirectory(dataDirectory).resolve(name));
            onDisk += file.length;
            assertThat(file.length).as(name).isLessThan(4096 + 400);
        }
        assertThat(onDisk).isEqualTo(logBytes);
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, smallSegments)) {
            assertThat(readAll(engine.shardLog("rides", 0))).isEqualTo(written);
        }
    }

    @Test
    void aCrashLeavesZerosThatRecoveryCutsQuietlyKeepingEveryRecord() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        Path crashed = temporaryDirectory.resolve("crashed");
        StorageOptions smallSegments = OPTIONS.withSegmentMaxBytes(8192);
        List<Rec> written;
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, smallSegments)) {
            written = appendRecords(engine.shardLog("rides", 0), new Random(4), 100);
            SegmentFiles.copyShard(dataDirectory, crashed, "rides", 0); // the files as a crash leaves them: zeros after the last frame
        }
        Path active = shardDirectory(crashed).resolve(logNames(shardDirectory(crashed)).getLast());
        assertThat(sizeOf(active)).isEqualTo(AHEAD);

        String errors = capturingStandardError(() -> {
            try (FileStorageEngine engine = open(crashed, SyncMode.FSYNC, smallSegments)) {
                ShardLog log = engine.shardLog("rides", 0);
                assertThat(readAll(log)).isEqualTo(written);
                assertThat(sizeOf(active)).isEqualTo(log.sizeBytes() - sealedBytes(crashed, active));
                assertThat(append(log, record("k", "after the crash")).firstSequence()).isEqualTo(100);
            }
        });
        assertThat(errors).doesNotContain("Truncated", "Deleted", "WARN");
    }

    @Test
    void zerosAfterATornFrameAreReportedWithIt() throws IOException {
        Path dataDirectory = temporaryDirectory.resolve("data");
        Path crashed = temporaryDirectory.resolve("crashed");
        List<Rec> written;
        int frames;
        try (FileStorageEngine engine = open(dataDirectory, SyncMode.FSYNC, OPTIONS.withCheckpointIntervalBytes(1L << 30))) {
            ShardLog log = engine.shardLog("rides", 0);
            written = appendRecords(log, new Random(5), 10);
            frames = (int) log.sizeBytes();
            SegmentFiles.copyShard(dataDirectory, crashed, "rides", 0);
        }
        Path active = shardDirectory(crashed).resolve(ACTIVE);
        Files.deleteIfExists(shardDirectory(crashed).resolve("00000000000000000000.idx"));
        byte[] bytes = Files.readAllBytes(active);
        assertThat(bytes.length).isEqualTo(AHEAD);
        int lastFrame = SegmentFiles.frameStarts(Arrays.copyOf(bytes, frames)).get(9);
        Arrays.fill(bytes, lastFrame + 10, frames, (byte) 0); // the last frame only half reached the disk
        Files.write(active, bytes);

        String errors = capturingStandardError(() -> {
            try (FileStorageEngine engine = open(crashed, SyncMode.FSYNC, OPTIONS)) {
                assertThat(readAll(engine.shardLog("rides", 0))).isEqualTo(written.subList(0, 9));
            }
        });
        assertThat(errors).contains("Truncated " + active + " at offset " + lastFrame);
    }

    private static long sealedBytes(Path dataDirectory, Path active) {
        long total = 0;
        for (String name : logNames(shardDirectory(dataDirectory))) {
            Path file = shardDirectory(dataDirectory).resolve(name);
            if (!file.equals(active)) {
                total += sizeOf(file);
            }
        }
        return total;
    }

    private static String capturingStandardError(Runnable action) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

}
