package wildrydes.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import wildrydes.testing.TestClock;

class MetricsStoreTest {
    private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");

    private final TestClock clock = TestClock.at(NOON);
    private final MetricsStore store = new MetricsStore(clock, 100);

    @Test
    void countsEachCallInTheMinuteItHappened() {
        clock.set(NOON.plusSeconds(5));
        store.putRecord("s", 100, true);
        clock.set(NOON.plusSeconds(59).plusMillis(999));
        store.putRecord("s", 100, true);
        clock.set(NOON.plusSeconds(60));
        store.putRecord("s", 100, true);

        MinuteSeries series = store.window("s", 2);
        assertThat(series.firstMinuteMillis()).isEqualTo(NOON.toEpochMilli());
        assertThat(series.values(Metric.PUT_RECORD_SUCCESS)).containsExactly(2, 1);
        assertThat(series.values(Metric.PUT_RECORD_BYTES)).containsExactly(200, 100);
        assertThat(series.values(Metric.INCOMING_RECORDS)).containsExactly(2, 1);
        assertThat(series.values(Metric.INCOMING_BYTES)).containsExactly(200, 100);
    }

    @Test
    void aFailedPutRecordIsCountedButNotIncoming() {
        store.putRecord("s", 100, false);

        MinuteSeries series = store.window("s", 1);
        assertThat(series.values(Metric.PUT_RECORD_FAILED)).containsExactly(1);
        assertThat(series.values(Metric.PUT_RECORD_SUCCESS)).containsExactly(0);
        assertThat(series.values(Metric.INCOMING_RECORDS)).containsExactly(0);
        assertThat(series.values(Metric.INCOMING_BYTES)).containsExactly(0);
    }

    @Test
    void putRecordsCountsCallsRecordsAndTheBytesOfWrittenRecords() {
        store.putRecords("s", 10, 2, 1000);
        store.putRecords("s", 5, 5, 500);

        MinuteSeries series = store.window("s", 1);
        assertThat(series.aggregate(Metric.PUT_RECORDS_SUCCESS)).as("calls with a record written").isEqualTo(1);
        assertThat(series.aggregate(Metric.PUT_RECORDS_TOTAL_RECORDS)).isEqualTo(15);
        assertThat(series.aggregate(Metric.PUT_RECORDS_SUCCESSFUL_RECORDS)).isEqualTo(8);
        assertThat(series.aggregate(Metric.PUT_RECORDS_FAILED_RECORDS)).isEqualTo(7);
        assertThat(series.aggregate(Metric.PUT_RECORDS_BYTES)).isEqualTo(1500);
        assertThat(series.aggregate(Metric.INCOMING_RECORDS)).isEqualTo(8);
        assertThat(series.aggregate(Metric.INCOMING_BYTES)).isEqualTo(800);
    }

    @Test
    void iteratorAgeIsTheLargestOfTheMinuteAndPrometheusSeesTheLatest() {
        store.getRecords("s", 3, 300, 500);
        store.getRecords("s", 0, 0, 2000);
        store.getRecords("s", 1, 100, 0);
        clock.advance(Duration.ofMinutes(1));
        store.getRecords("s", 1, 100, 40);

        MinuteSeries series = store.window("s", 2);
        assertThat(series.values(Metric.ITERATOR_AGE_MAX)).containsExactly(2000, 40);
        assertThat(series.aggregate(Metric.ITERATOR_AGE_MAX)).isEqualTo(2000);
        assertThat(series.values(Metric.GET_RECORDS_SUCCESS)).containsExactly(3, 1);
        assertThat(series.values(Metric.GET_RECORDS_RECORDS)).containsExactly(4, 1);
        assertThat(series.values(Metric.GET_RECORDS_BYTES)).containsExactly(400, 100);
        assertThat(store.lastIteratorAgeMillis("s")).isEqualTo(40);
    }

    @Test
    void throttlingIsCountedForWritesAndReadsApart() {
        store.throttled("s", true);
        store.throttled("s", true);
        store.throttled("s", false);

        MinuteSeries series = store.window("s", 1);
        assertThat(series.values(Metric.WRITE_THROTTLED)).containsExactly(2);
        assertThat(series.values(Metric.READ_THROTTLED)).containsExactly(1);
    }

    @Test
    void keepsExactlyTheLastTwentyFourHours() {
        store.putRecord("s", 10, true);

        clock.advance(Duration.ofMinutes(1439));
        MinuteSeries dayLater = store.window("s", MetricsStore.WINDOW_MINUTES);
        assertThat(dayLater.values(Metric.PUT_RECORD_SUCCESS)[0]).as("the oldest minute of the window").isEqualTo(1);
        assertThat(dayLater.aggregate(Metric.PUT_RECORD_SUCCESS)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(store.window("s", MetricsStore.WINDOW_MINUTES).aggregate(Metric.PUT_RECORD_SUCCESS))
                .as("a minute more than a day old is out of the window").isZero();

        store.putRecord("s", 10, true);
        assertThat(store.window("s", MetricsStore.WINDOW_MINUTES).aggregate(Metric.PUT_RECORD_SUCCESS))
                .as("the reused slot starts from zero").isEqualTo(1);
        assertThat(store.total("s", Metric.PUT_RECORD_SUCCESS)).as("totals never forget").isEqualTo(2);
    }

    @Test
    void memoryStaysBoundedWhateverTheUptime() {
        for (int minute = 0; minute < 3 * 1440; minute++) {
            store.putRecord("s", 1, true);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(-1));

        assertThat(store.bucketCount("s")).isEqualTo(MinuteRing.MINUTES);
        assertThat(store.window("s", MetricsStore.WINDOW_MINUTES).values(Metric.PUT_RECORD_SUCCESS)).containsOnly(1);
        assertThat(store.total("s", Metric.PUT_RECORD_SUCCESS)).isEqualTo(3 * 1440);
    }

    @Test
    void idleMinutesTakeNoMemory() {
        store.putRecord("s", 1, true);
        clock.advance(Duration.ofMinutes(600));
        store.putRecord("s", 1, true);

        assertThat(store.bucketCount("s")).isEqualTo(2);
        MinuteSeries series = store.window("s", 601);
        assertThat(series.values(Metric.PUT_RECORD_SUCCESS)[0]).isEqualTo(1);
        assertThat(series.values(Metric.PUT_RECORD_SUCCESS)[600]).isEqualTo(1);
        assertThat(series.aggregate(Metric.PUT_RECORD_SUCCESS)).isEqualTo(2);
    }

    @Test
    void aWriteForAMinuteWhoseSlotWasReusedIsNotFiledUnderTheNewMinute() {
        clock.advance(Duration.ofMinutes(2 * 1440));
        store.putRecord("s", 1, true);
        // A clock stepped back two days lands in the same slot, which now holds a newer minute.
        clock.advance(Duration.ofMinutes(-2 * 1440));
        store.putRecord("s", 1, true);
        clock.advance(Duration.ofMinutes(2 * 1440));

        assertThat(store.window("s", 1).values(Metric.PUT_RECORD_SUCCESS)).containsExactly(1);
        assertThat(store.total("s", Metric.PUT_RECORD_SUCCESS)).isEqualTo(2);
    }

    @Test
    void aStreamWithoutMetricsReadsAsZeros() {
        MinuteSeries series = store.window("unknown", 15);
        assertThat(series.minutes()).isEqualTo(15);
        for (Metric metric : Metric.values()) {
            assertThat(series.values(metric)).hasSize(15).containsOnly(0);
        }
        assertThat(store.total("unknown", Metric.INCOMING_BYTES)).isZero();
        assertThat(store.lastSixtySeconds("unknown", Metric.INCOMING_RECORDS)).isZero();
    }

    @Test
    void windowsAreOneMinuteToOneDay() {
        assertThatThrownBy(() -> store.window("s", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.window("s", 1441)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.window("s", 1440).minutes()).isEqualTo(1440);
    }

    @Test
    void lastSixtySecondsAddsTheShareOfThePreviousMinuteStillInside() {
        for (int i = 0; i < 60; i++) {
            store.putRecord("s", 2, true);
        }
        clock.advance(Duration.ofMinutes(1));
        clock.advance(15_000);
        for (int i = 0; i < 10; i++) {
            store.putRecord("s", 2, true);
        }

        assertThat(store.lastSixtySeconds("s", Metric.INCOMING_RECORDS)).isEqualTo(10 + 45);
        assertThat(store.lastSixtySeconds("s", Metric.INCOMING_BYTES)).isEqualTo(20 + 90);
    }

    @Test
    void aDeletedStreamIsForgotten() {
        store.putRecord("s", 1, true);
        store.streamDeleted("s");

        assertThat(store.streamNames()).doesNotContain("s");
        assertThat(store.total("s", Metric.PUT_RECORD_SUCCESS)).isZero();
        assertThat(store.bucketCount("s")).isZero();
    }

    @Test
    void tracksAtMostMaxStreamsAndDropsTheOneIdleLongest() {
        MetricsStore small = new MetricsStore(clock, 3);
        small.putRecord("a", 1, true);
        clock.advance(Duration.ofMinutes(1));
        small.putRecord("b", 1, true);
        clock.advance(Duration.ofMinutes(1));
        small.putRecord("c", 1, true);
        clock.advance(Duration.ofMinutes(1));
        small.putRecord("a", 1, true);
        clock.advance(Duration.ofMinutes(1));
        small.putRecord("d", 1, true);

        assertThat(small.streamNames()).containsExactlyInAnyOrder("a", "c", "d");
    }

    @Test
    void concurrentWritersLoseNothingWhileMinutesTurn() throws Exception {
        int writers = 8;
        int callsEach = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsEach; i++) {
                        store.putRecord("s", 3, true);
                        store.getRecords("s", 2, 20, i % 1000);
                    }
                    return null;
                }));
            }
            // Turns the minute while the writers run, at most 200 times, so every minute stays in the window.
            Future<?> ticker = pool.submit(() -> {
                start.await();
                for (int tick = 0; tick < 200 && !done.get(); tick++) {
                    clock.advance(Duration.ofMinutes(1));
                    Thread.sleep(1);
                }
                return null;
            });
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            ticker.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        long calls = (long) writers * callsEach;
        MinuteSeries day = store.window("s", MetricsStore.WINDOW_MINUTES);
        assertThat(day.aggregate(Metric.PUT_RECORD_SUCCESS)).isEqualTo(calls);
        assertThat(day.aggregate(Metric.INCOMING_BYTES)).isEqualTo(calls * 3);
        assertThat(day.aggregate(Metric.GET_RECORDS_SUCCESS)).isEqualTo(calls);
        assertThat(day.aggregate(Metric.GET_RECORDS_RECORDS)).isEqualTo(calls * 2);
        assertThat(day.aggregate(Metric.ITERATOR_AGE_MAX)).isEqualTo(999);
        assertThat(store.total("s", Metric.PUT_RECORD_SUCCESS)).isEqualTo(calls);
        assertThat(store.total("s", Metric.GET_RECORDS_BYTES)).isEqualTo(calls * 20);
    }
}
