package wildrydes.lab.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.ShardPosition;

class ReplayPositionsTest {
    private static ShardPosition after(long sequence) {
        return ShardPosition.after(Long.toString(sequence));
    }

    @Test
    void aShardIsReadAgainFromJustBeforeTheFirstRecordOfItsEarliestOpenWindow() {
        ReplayPositions p = new ReplayPositions(new Checkpoint("s", Map.of("a", after(10)), Set.of()));
        p.started("a");
        p.recordIn("a", 60_000, after(10));
        p.recordIn("a", 60_000, after(11));
        p.recordIn("a", 120_000, after(15));
        p.read("a", after(20));
        assertThat(p.safe().position("a")).isEqualTo(after(10));
        p.closed(List.of(60_000L));
        assertThat(p.safe().position("a")).isEqualTo(after(15));
        p.closed(List.of(120_000L));
        assertThat(p.safe().position("a")).as("no open window: as far as read").isEqualTo(after(20));
        assertThat(p.readThrough()).containsEntry("a", after(20));
    }

    @Test
    void outOfOrderWindowsKeepTheEarliestPositionAndAggregatesKeepTheirUserRecord() {
        ReplayPositions p = new ReplayPositions(Checkpoint.empty("s"));
        p.started("a");
        p.recordIn("a", 120_000, ShardPosition.within("30", 2));
        p.recordIn("a", 60_000, after(31));
        p.read("a", after(40));
        assertThat(p.safe().position("a")).isEqualTo(ShardPosition.within("30", 2));
    }

    @Test
    void aShardWhoseFirstRecordIsInAnOpenWindowIsNotNamedSoItStartsAsItDid() {
        ReplayPositions p = new ReplayPositions(Checkpoint.empty("s"));
        p.started("a");
        p.recordIn("a", 60_000, null);
        p.read("a", after(5));
        assertThat(p.safe().knows("a")).isFalse();
        p.closed(List.of(60_000L));
        assertThat(p.safe().position("a")).isEqualTo(after(5));
    }

    @Test
    void childrenAreLeftOutWhileTheirParentStillHasRecordsInOpenWindows() {
        ReplayPositions p = new ReplayPositions(new Checkpoint("s", Map.of(), Set.of("grandparent")));
        p.started("parent");
        p.recordIn("parent", 60_000, after(1));
        p.read("parent", after(9));
        p.ended("parent", List.of("left", "right"));
        for (String child : List.of("left", "right")) {
            p.started(child);
            p.recordIn(child, 120_000, after(100));
            p.read(child, after(200));
        }
        p.ended("left", List.of("grandchild"));
        p.started("grandchild");
        p.read("grandchild", after(300));
        Checkpoint open = p.safe();
        assertThat(open.position("parent")).as("read again to its end, then its children from their start").isEqualTo(after(1));
        assertThat(open.knows("left")).isFalse();
        assertThat(open.knows("right")).isFalse();
        assertThat(open.knows("grandchild")).isFalse();
        assertThat(open.isFinished("grandparent")).isTrue();

        p.closed(List.of(60_000L));
        Checkpoint parentDone = p.safe();
        assertThat(parentDone.isFinished("parent")).isTrue();
        assertThat(parentDone.position("right")).isEqualTo(after(100));
        assertThat(parentDone.position("left")).isEqualTo(after(100));
        assertThat(parentDone.knows("grandchild")).as("left is not finished: it has records in an open window").isFalse();

        p.closed(List.of(120_000L));
        assertThat(p.safe().isFinished("left")).isTrue();
        assertThat(p.safe().position("grandchild")).isEqualTo(after(300));
    }
}
