package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarksTest {
    @Test
    void arrivalTimeMovesWithTheClockOnceEveryShardIsCaughtUp() {
        Watermarks w = new Watermarks(true, 2_000, Watermarks.NONE);
        Watermarks.Shard a = w.started("a");
        Watermarks.Shard b = w.started("b");
        w.observe(a, 10_000, 10_050);
        w.batchDone(a, true, 10_050, true);
        assertThat(w.current(10_100)).as("b has delivered nothing yet: its backlog may be old").isEqualTo(Watermarks.NONE);
        w.batchDone(b, true, 10_200, false);
        assertThat(w.current(10_200)).isEqualTo(10_050 - 2_000);
        w.batchDone(a, true, 20_000, false);
        w.batchDone(b, true, 20_100, false);
        assertThat(w.current(20_100)).as("no record needed: idle caught-up shards move on with the clock").isEqualTo(18_000);
    }

    @Test
    void aShardBehindHoldsTheWatermarkAtItsLatestArrival() {
        Watermarks w = new Watermarks(true, 1_000, Watermarks.NONE);
        Watermarks.Shard a = w.started("a");
        Watermarks.Shard b = w.started("b");
        w.batchDone(a, true, 50_000, false);
        w.observe(b, 30_000, 50_000);
        w.batchDone(b, false, 50_000, true);
        assertThat(w.current(50_000)).isEqualTo(29_000);
        w.observe(b, 40_000, 50_100);
        assertThat(w.current()).isEqualTo(39_000);
    }

    @Test
    void aParentHoldsTheWatermarkUntilAllItsChildrenHaveStartedAndItNeverMovesBack() {
        Watermarks w = new Watermarks(true, 0, Watermarks.NONE);
        Watermarks.Shard parent = w.started("parent");
        w.observe(parent, 5_000, 5_000);
        w.batchDone(parent, false, 5_000, true);
        w.ended("parent", List.of("left", "right"), 5_000);
        assertThat(w.current(9_000)).isEqualTo(5_000);
        Watermarks.Shard left = w.started("left");
        w.batchDone(left, true, 9_000, false);
        assertThat(w.current(9_000)).as("right has not started").isEqualTo(5_000);
        w.started("right");
        assertThat(w.current(9_000)).as("right started but delivered nothing: no new knowledge, nothing lost").isEqualTo(5_000);
        w.batchDone(w.shard("right"), true, 9_500, false);
        assertThat(w.current(9_500)).isEqualTo(9_000);
        Watermarks restored = new Watermarks(true, 0, 100_000);
        restored.batchDone(restored.started("x"), true, 50_000, false);
        assertThat(restored.current(50_000)).as("a restored watermark does not move back").isEqualTo(100_000);
    }

    @Test
    void eventTimeTrailsTheLargestEventTimeAndLeavesIdleShardsOut() {
        Watermarks w = new Watermarks(false, 5_000, Watermarks.NONE);
        Watermarks.Shard busy = w.started("busy");
        Watermarks.Shard quiet = w.started("quiet");
        w.observe(busy, 100_000, 1_000);
        w.batchDone(busy, true, 1_000, true);
        assertThat(w.current(1_000)).as("quiet has delivered nothing yet").isEqualTo(Watermarks.NONE);
        w.batchDone(quiet, true, 1_000, false);
        assertThat(w.current(1_000)).as("quiet is caught up without records: idle").isEqualTo(95_000);
        w.observe(quiet, 50_000, 2_000);
        w.batchDone(quiet, true, 2_000, true);
        w.observe(busy, 120_000, 2_000);
        w.batchDone(busy, false, 2_000, true);
        assertThat(w.current(2_000)).as("quiet brought records: it counts again, but the watermark never moves back").isEqualTo(95_000);
        assertThat(w.current(2_000 + Watermarks.IDLE_MILLIS + 1)).as("quiet idle again").isEqualTo(115_000);
    }
}
