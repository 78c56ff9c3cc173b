package wildrydes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static wildrydes.storage.TestRecords.append;
import static wildrydes.storage.TestRecords.readAll;
import static wildrydes.storage.TestRecords.record;
import static wildrydes.storage.TestRecords.views;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import wildrydes.storage.TestRecords.Rec;
import wildrydes.testing.TestClock;

/** What every {@link StorageEngine} must do; each engine (and configuration) runs it in a subclass. */
abstract class StorageEngineContractTest {

    protected static final long T0 = 1_700_000_000_000L;

    protected final TestClock clock = TestClock.at(T0);
    protected StorageEngine engine;

    protected abstract StorageEngine openEngine(Clock clock);

    @BeforeEach
    void openEngine() {
        engine = openEngine(clock);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private ShardLog log() {
        return engine.shardLog("stream-a", 0);
    }

    @Test
    void appendedRecordReadsBackWithEveryField() {
        ShardLog log = log();
        RecordToAppend written = TestRecords.toAppend("pk-1", "123456789", "hello".getBytes(StandardCharsets.UTF_8));

        AppendResult result = append(log, written);
        ReadBatch batch = log.read(0, 10, 1 << 20);

        assertThat(result).isEqualTo(new AppendResult(0, 1, T0));
        assertThat(views(batch.records())).containsExactly(new Rec(0, T0, "pk-1", "123456789", "68656c6c6f"));
        assertThat(batch.nextSequence()).isEqualTo(1);
        assertThat(batch.latestArrivalMillis()).isEqualTo(T0);
        assertThat(batch.caughtUp()).isTrue();
    }

    @Test
    void emptyAndLargeDataReadBackExactly() {
        ShardLog log = log();
        Random random = new Random(7);
        byte[] oneMiB = new byte[1 << 20];
        random.nextBytes(oneMiB);
        byte[] threeMiB = new byte[3 << 20];
        random.nextBytes(threeMiB);
        List<RecordToAppend> written = List.of(
                TestRecords.toAppend("empty", null, new byte[0]),
                TestRecords.toAppend("one", null, oneMiB),
                TestRecords.toAppend("three", null, threeMiB),
                TestRecords.toAppend("", null, new byte[] {0}));

        for (RecordToAppend record : written) {
            append(log, record);
        }

        List<StoredRecord> read = log.read(0, 10, Long.MAX_VALUE).records();
        assertThat(read).hasSize(4);
        for (int i = 0; i < written.size(); i++) {
            assertThat(read.get(i).partitionKey()).isEqualTo(written.get(i).partitionKey());
            assertThat(read.get(i).data()).isEqualTo(written.get(i).data());
        }
    }

    @Test
    void unicodeKeysReadBackExactly() {
        ShardLog log = log();
        String partitionKey = "ключ-🚲-鍵-é";
        String longKey = "ü".repeat(256);
        String hashKey = "340282366920938463463374607431768211455";

        append(log, TestRecords.toAppend(partitionKey, hashKey, new byte[] {1, 2}), TestRecords.toAppend(longKey, null, new byte[] {3}));

        assertThat(readAll(log)).containsExactly(
                new Rec(0, T0, partitionKey, hashKey, "0102"),
                new Rec(1, T0, longKey, null, "03"));
    }

    @Test
    void explicitHashKeyIsNullWhenAbsentOrEmptyAndKeptWhenGiven() {
        ShardLog log = log();

        append(log,
                TestRecords.toAppend("a", null, new byte[] {1}),
                TestRecords.toAppend("b", "42", new byte[] {2}),
                TestRecords.toAppend("c", "", new byte[] {3}));

        assertThat(readAll(log)).extracting(Rec::explicitHashKey).containsExactly(null, "42", null);
    }

    @Test
    void batchGetsContiguousSequencesAndOneArrivalTime() {
        ShardLog log = log();

        AppendResult first = log.append(List.of(record("a", "0"), record("b", "1"), record("c", "2"))).join();
        clock.advance(10);
        AppendResult second = log.append(List.of(record("d", "3"), record("e", "4"))).join();

        assertThat(first).isEqualTo(new AppendResult(0, 3, T0));
        assertThat(second).isEqualTo(new AppendResult(3, 2, T0 + 10));
        assertThat(readAll(log)).extracting(Rec::sequence, Rec::arrivalMillis, Rec::partitionKey).containsExactly(
                tuple(0L, T0, "a"),
                tuple(1L, T0, "b"),
                tuple(2L, T0, "c"),
                tuple(3L, T0 + 10, "d"),
                tuple(4L, T0 + 10, "e"));
    }

    @Test
    void sequencesStartAtZeroAndStayContiguousOverManyAppends() {
        ShardLog log = log();
        Random random = new Random(11);
        List<Rec> expected = new ArrayList<>();
        long next = 0;
        for (int i = 0; i < 300; i++) {
            List<RecordToAppend> batch = new ArrayList<>();
            for (int j = random.nextInt(3); j >= 0; j--) {
                batch.add(record("key-" + i, "record " + next + batch.size() + " " + "x".repeat(random.nextInt(200))));
            }
            AppendResult result = log.append(batch).join();
            assertThat(result.firstSequence()).isEqualTo(next);
            for (RecordToAppend record : batch) {
                expected.add(Rec.of(next++, T0 + i, record));
            }
            clock.advance(1);
        }

        assertThat(log.committedEnd()).isEqualTo(next);
        assertThat(readAll(log)).isEqualTo(expected);
    }

    @Test
    void concurrentAppendsAreCommittedExactlyOnceAndReadInOrder() throws Exception {
        ShardLog log = log();
        int threads = 16;
        int appendsPerThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AppendResult>>> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            perThread.add(pool.submit(() -> {
                start.await();
                List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
                for (int i = 0; i < appendsPerThread; i++) {
                    List<RecordToAppend> batch = new ArrayList<>();
                    for (int j = 0; j <= i % 3; j++) {
                        batch.add(record("t" + thread, thread + ":" + i + ":" + j));
                    }
                    CompletableFuture<AppendResult> future = log.append(batch);
                    if (i % 2 == 0) {
                        future.join();
                    }
                    futures.add(future);
                }
                return futures.stream().map(CompletableFuture::join).toList();
            }));
        }
        start.countDown();
        Map<Long, String> expectedData = new HashMap<>();
        for (int t = 0; t < threads; t++) {
            List<AppendResult> results = perThread.get(t).get(60, TimeUnit.SECONDS);
            long previous = -1;
            for (int i = 0; i < results.size(); i++) {
                AppendResult result = results.get(i);
                assertThat(result.count()).isEqualTo(i % 3 + 1);
                assertThat(result.firstSequence()).isGreaterThan(previous);
                previous = result.firstSequence();
                for (int j = 0; j < result.count(); j++) {
                    assertThat(expectedData.put(result.firstSequence() + j, t + ":" + i + ":" + j)).isNull();
                }
            }
        }
        pool.shutdown();

        int total = threads * (appendsPerThread / 3) * (1 + 2 + 3);
        assertThat(expectedData).hasSize(total);
        assertThat(log.committedEnd()).isEqualTo(total);
        List<Rec> all = readAll(log);
        assertThat(all).hasSize(total);
        for (int s = 0; s < total; s++) {
            assertThat(all.get(s).sequence()).isEqualTo(s);
            assertThat(new String(HexFormat.of().parseHex(all.get(s).dataHex()), StandardCharsets.UTF_8))
                    .isEqualTo(expectedData.get((long) s));
        }
    }

    @Test
    void readReturnsAtMostMaxRecordsAndTellsWhereToGoOn() {
        ShardLog log = log();
        for (int i = 0; i < 10; i++) {
            append(log, record("k", "r" + i));
            clock.advance(5);
        }

        ReadBatch batch = log.read(0, 3, Long.MAX_VALUE);

        assertThat(batch.records()).extracting(StoredRecord::sequence).containsExactly(0L, 1L, 2L);
        assertThat(batch.nextSequence()).isEqualTo(3);
        assertThat(batch.nextArrivalMillis()).isEqualTo(T0 + 15);
        assertThat(batch.latestArrivalMillis()).isEqualTo(T0 + 45);
        assertThat(batch.caughtUp()).isFalse();
    }

    @Test
    void readStopsBeforeTheRecordThatWouldExceedMaxBytes() {
        ShardLog log = log();
        for (int i = 0; i < 5; i++) {
            append(log, record("k", "123456789"));
        }

        assertThat(log.read(0, 100, 29).records()).extracting(StoredRecord::sequence).containsExactly(0L, 1L);
        assertThat(log.read(0, 100, 30).records()).extracting(StoredRecord::sequence).containsExactly(0L, 1L, 2L);
        assertThat(log.read(2, 100, 30).nextSequence()).isEqualTo(5);
    }

    @Test
    void readAlwaysReturnsTheFirstRecordWhateverItsSize() {
        ShardLog log = log();
        append(log, TestRecords.toAppend("k", null, new byte[1000]), record("k", "small"));

        ReadBatch batch = log.read(0, 100, 10);

        assertThat(batch.records()).extracting(StoredRecord::sequence).containsExactly(0L);
        assertThat(batch.nextSequence()).isEqualTo(1);
        assertThat(batch.caughtUp()).isFalse();
    }

    @Test
    void readAtOrPastTheEndReturnsNothingAndIsCaughtUp() {
        ShardLog log = log();
        append(log, record("k", "a"), record("k", "b"));

        ReadBatch atEnd = log.read(2, 10, 100);
        ReadBatch past = log.read(100, 10, 100);

        assertThat(atEnd.records()).isEmpty();
        assertThat(atEnd.nextSequence()).isEqualTo(2);
        assertThat(atEnd.caughtUp()).isTrue();
        assertThat(atEnd.latestArrivalMillis()).isEqualTo(T0);
        assertThat(past.records()).isEmpty();
        assertThat(past.nextSequence()).isEqualTo(100);
    }

    @Test
    void emptyLogHasNoLatestArrivalAndReadsNothing() {
        ShardLog log = log();

        ReadBatch batch = log.read(0, 10, 100);

        assertThat(log.firstSequence()).isZero();
        assertThat(log.committedEnd()).isZero();
        assertThat(log.latestArrivalMillis()).isEqualTo(-1);
        assertThat(batch).isEqualTo(new ReadBatch(List.of(), 0, -1, -1));
        assertThat(log.sequenceAtOrAfter(T0)).isZero();
    }

    @Test
    void latestArrivalTracksTheNewestRecord() {
        ShardLog log = log();
        append(log, record("k", "a"));
        clock.advance(250);
        append(log, record("k", "b"));

        assertThat(log.latestArrivalMillis()).isEqualTo(T0 + 250);
        assertThat(log.read(0, 1, 100).latestArrivalMillis()).isEqualTo(T0 + 250);
    }

    @Test
    void arrivalTimeNeverGoesBackWhenTheClockDoes() {
        ShardLog log = log();
        append(log, record("k", "a"));
        clock.advance(-60_000);

        AppendResult result = append(log, record("k", "b"));

        assertThat(result.arrivalMillis()).isEqualTo(T0);
        assertThat(readAll(log)).extracting(Rec::arrivalMillis).containsExactly(T0, T0);
    }

    @Test
    void readingPageByPageReportsTheNextArrivalUntilCaughtUp() {
        ShardLog log = log();
        for (int i = 0; i < 4; i++) {
            append(log, record("k", "r" + i));
            clock.advance(100);
        }

        ReadBatch first = log.read(0, 2, Long.MAX_VALUE);
        ReadBatch second = log.read(first.nextSequence(), 2, Long.MAX_VALUE);

        assertThat(first.nextArrivalMillis()).isEqualTo(T0 + 200);
        assertThat(first.caughtUp()).isFalse();
        assertThat(second.records()).extracting(StoredRecord::sequence).containsExactly(2L, 3L);
        assertThat(second.nextArrivalMillis()).isEqualTo(-1);
        assertThat(second.caughtUp()).isTrue();
        assertThat(second.latestArrivalMillis()).isEqualTo(T0 + 300);
    }

    @Test
    void sequenceAtOrAfterFindsTheFirstRecordThatArrivedAtOrAfterTheTime() {
        ShardLog log = log();
        append(log, record("k", "0"), record("k", "1"), record("k", "2"));
        clock.advance(5);
        append(log, record("k", "3"), record("k", "4"));
        clock.advance(4);
        append(log, record("k", "5"));

        assertThat(log.sequenceAtOrAfter(T0 - 1)).isEqualTo(0);
        assertThat(log.sequenceAtOrAfter(T0)).isEqualTo(0);
        assertThat(log.sequenceAtOrAfter(T0 + 1)).isEqualTo(3);
        assertThat(log.sequenceAtOrAfter(T0 + 5)).isEqualTo(3);
        assertThat(log.sequenceAtOrAfter(T0 + 6)).isEqualTo(5);
        assertThat(log.sequenceAtOrAfter(T0 + 9)).isEqualTo(5);
        assertThat(log.sequenceAtOrAfter(T0 + 10)).isEqualTo(6);
    }

    @Test
    void sequenceAtOrAfterMatchesALinearSearchOverManyRecords() {
        ShardLog log = log();
        Random random = new Random(3);
        List<Long> arrivals = new ArrayList<>();
        for (int step = 0; step < 500; step++) {
            clock.advance(1 + random.nextInt(3));
            List<RecordToAppend> batch = new ArrayList<>();
            for (int i = random.nextInt(10); i >= 0; i--) {
                batch.add(TestRecords.toAppend("key", null, new byte[random.nextInt(300)]));
            }
            AppendResult result = log.append(batch).join();
            for (int i = 0; i < result.count(); i++) {
                arrivals.add(result.arrivalMillis());
            }
        }

        for (long time = T0 - 2; time <= clock.millis() + 2; time++) {
            long expected = arrivals.size();
            for (int s = 0; s < arrivals.size(); s++) {
                if (arrivals.get(s) >= time) {
                    expected = s;
                    break;
                }
            }
            assertThat(log.sequenceAtOrAfter(time)).as("sequence at or after %d", time).isEqualTo(expected);
        }
    }

    @Test
    void trimBeforeDropsExactlyTheRecordsThatArrivedBeforeTheCutoff() {
        ShardLog log = log();
        for (int step = 0; step < 10; step++) {
            for (int i = 0; i < 5; i++) {
                append(log, record("k", step + "-" + i));
            }
            clock.advance(10);
        }

        long dropped = log.trimBefore(T0 + 25);

        assertThat(dropped).isEqualTo(15);
        assertThat(log.firstSequence()).isEqualTo(15);
        assertThat(readAll(log)).extracting(Rec::sequence).startsWith(15L, 16L).hasSize(35);
        assertThat(log.read(0, 1, 100).records()).extracting(StoredRecord::sequence).containsExactly(15L);
        assertThat(log.sequenceAtOrAfter(T0)).isEqualTo(15);
        assertThat(log.trimBefore(T0 + 25)).isZero();
        assertThat(log.trimBefore(T0)).isZero();
        assertThat(log.firstSequence()).isEqualTo(15);
        assertThat(log.committedEnd()).isEqualTo(50);
    }

    @Test
    void trimmingEverythingKeepsTheSequencesGoing() {
        ShardLog log = log();
        for (int i = 0; i < 20; i++) {
            append(log, record("k", "r" + i));
        }
        clock.advance(1);

        assertThat(log.trimBefore(clock.millis())).isEqualTo(20);
        ReadBatch empty = log.read(0, 10, 100);
        AppendResult next = append(log, record("k", "after"));

        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextSequence()).isEqualTo(20);
        assertThat(empty.caughtUp()).isTrue();
        assertThat(next.firstSequence()).isEqualTo(20);
        assertThat(readAll(log)).extracting(Rec::sequence, Rec::partitionKey)
                .containsExactly(tuple(20L, "k"));
        assertThat(log.firstSequence()).isEqualTo(20);
    }

    @Test
    void shardLogsAreSeparatePerStreamAndShardAndReturnedAgainForTheSameKey() {
        ShardLog a0 = engine.shardLog("stream-a", 0);
        ShardLog a1 = engine.shardLog("stream-a", 1);
        ShardLog b0 = engine.shardLog("stream-b", 0);
        append(a0, record("k", "a0"));
        append(a1, record("k", "a1"), record("k", "a1'"));

        assertThat(engine.shardLog("stream-a", 0)).isSameAs(a0);
        assertThat(a0.committedEnd()).isEqualTo(1);
        assertThat(a1.committedEnd()).isEqualTo(2);
        assertThat(b0.committedEnd()).isZero();
    }

    @Test
    void invalidRecordsAndArgumentsAreRejected() {
        ShardLog log = log();

        assertThatThrownBy(() -> log.append(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(List.of(TestRecords.toAppend("\ud800", null, new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(List.of(TestRecords.toAppend("k", "é", new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(List.of(TestRecords.toAppend("k", null, null))))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.read(0, 0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.shardLog("../escape", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.shardLog("..", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.shardLog("stream", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.writeBlob(".hidden", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.committedEnd()).isZero();
    }

    @Test
    void metadataReadsBackAsLastWrittenAndIsReplacedWhole() {
        byte[] first = {1, 2, 3};
        engine.writeMetadata("stream-a", first);
        engine.writeMetadata("stream-b", new byte[] {9});
        engine.writeMetadata("stream-a", new byte[] {4, 5});
        first[0] = 42;

        Map<String, byte[]> all = engine.readAllMetadata();

        assertThat(all).containsOnlyKeys("stream-a", "stream-b");
        assertThat(all.get("stream-a")).containsExactly(4, 5);
        assertThat(all.get("stream-b")).containsExactly(9);
    }

    @Test
    void streamKeysMayStartWithADotLikeKinesisStreamNames() {
        engine.writeMetadata(".rides-1700000000000", new byte[] {1});
        append(engine.shardLog(".rides-1700000000000", 0), record("k", "a"));

        assertThat(engine.readAllMetadata()).containsOnlyKeys(".rides-1700000000000");
        engine.deleteStream(".rides-1700000000000");
        assertThat(engine.readAllMetadata()).isEmpty();
        assertThat(engine.shardLog(".rides-1700000000000", 0).committedEnd()).isZero();
    }

    @Test
    void streamsWithoutMetadataAreNotListed() {
        append(engine.shardLog("no-metadata", 0), record("k", "a"));

        assertThat(engine.readAllMetadata()).isEmpty();
    }

    @Test
    void blobsReadBackAsLastWrittenAndAreReplacedWhole() {
        engine.writeBlob("secret.key", new byte[] {1, 2, 3, 4});
        engine.writeBlob("secret.key", new byte[] {7});
        engine.writeBlob("other", new byte[0]);

        assertThat(engine.readBlob("secret.key")).containsExactly(7);
        assertThat(engine.readBlob("other")).isEmpty();
        assertThat(engine.readBlob("missing")).isNull();
    }

    @Test
    void deleteStreamRemovesItsMetadataAndEveryShardLog() {
        engine.writeMetadata("doomed", new byte[] {1});
        engine.writeMetadata("kept", new byte[] {2});
        append(engine.shardLog("doomed", 0), record("k", "a"));
        append(engine.shardLog("doomed", 1), record("k", "b"), record("k", "c"));
        append(engine.shardLog("kept", 0), record("k", "d"));

        engine.deleteStream("doomed");

        assertThat(engine.readAllMetadata()).containsOnlyKeys("kept");
        ShardLog recreated = engine.shardLog("doomed", 1);
        assertThat(recreated.committedEnd()).isZero();
        assertThat(recreated.read(0, 10, 100).records()).isEmpty();
        assertThat(readAll(engine.shardLog("kept", 0))).extracting(Rec::partitionKey).containsExactly("k");
        engine.deleteStream("never-existed");
    }

    @Test
    void appendsFailAfterTheEngineIsClosed() {
        ShardLog log = log();
        append(log, record("k", "a"));

        engine.close();

        assertThatThrownBy(() -> log.append(List.of(record("k", "b"))).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StorageException.class);
        assertThatThrownBy(() -> engine.shardLog("stream-a", 1)).isInstanceOf(StorageException.class);
    }
}
