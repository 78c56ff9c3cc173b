package wildrydes.lab.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Which shards start, when and where: the rules behind following reshards and resuming from a checkpoint. */
class ShardSchedulerTest {
    /** shard 0 split into 1 and 2, which were merged into 3. */
    static Map<String, Shard> splitThenMerged(boolean threeClosed) {
        Map<String, Shard> listing = new LinkedHashMap<>();
        listing.put("s0", shard("s0", null, null, true));
        listing.put("s1", shard("s1", "s0", null, true));
        listing.put("s2", shard("s2", "s0", null, true));
        listing.put("s3", shard("s3", "s1", "s2", threeClosed));
        return listing;
    }

    static Shard shard(String id, String parent, String adjacent, boolean closed) {
        return Shard.builder().shardId(id).parentShardId(parent).adjacentParentShardId(adjacent)
                .sequenceNumberRange(r -> r.startingSequenceNumber("1").endingSequenceNumber(closed ? "9" : null)).build();
    }

    static Map<String, ShardIteratorType> types(List<ShardScheduler.Start> starts) {
        Map<String, ShardIteratorType> types = new LinkedHashMap<>();
        starts.forEach(s -> types.put(s.shard().shardId(), s.from().position().type()));
        return types;
    }

    @Test
    void fromTrimHorizonChildrenWaitForEveryParent() {
        ShardScheduler scheduler = new ShardScheduler(StartPosition.TRIM_HORIZON, Checkpoint.empty("s"));
        Map<String, Shard> listing = splitThenMerged(false);
        assertThat(types(scheduler.ready(listing))).containsExactly(Map.entry("s0", ShardIteratorType.TRIM_HORIZON));
        assertThat(scheduler.ready(listing)).isEmpty();
        scheduler.finished("s0");
        assertThat(types(scheduler.ready(listing))).containsOnlyKeys("s1", "s2")
                .containsValues(ShardIteratorType.TRIM_HORIZON);
        scheduler.finished("s1");
        assertThat(scheduler.ready(listing)).as("the merged shard waits for its adjacent parent too").isEmpty();
        scheduler.finished("s2");
        assertThat(types(scheduler.ready(listing))).containsExactly(Map.entry("s3", ShardIteratorType.TRIM_HORIZON));
    }

    @Test
    void fromLatestSkipsClosedShardsAndStartsTheOpenOneAtLatest() {
        ShardScheduler scheduler = new ShardScheduler(StartPosition.LATEST, Checkpoint.empty("s"));
        assertThat(types(scheduler.ready(splitThenMerged(false)))).containsExactly(Map.entry("s3", ShardIteratorType.LATEST));
    }

    @Test
    void childrenOfAShardReadFromATimeStartAtThatTime() {
        StartPosition at = StartPosition.atTimestamp(Instant.parse("2026-01-01T00:00:00Z"));
        ShardScheduler scheduler = new ShardScheduler(at, Checkpoint.empty("s"));
        Map<String, Shard> listing = splitThenMerged(false);
        scheduler.ready(listing);
        scheduler.finished("s0");
        assertThat(scheduler.ready(listing)).extracting(s -> s.from().position()).containsOnly(at);
    }

    @Test
    void resumingSkipsFinishedShardsResumesPositionsAndStartsChildrenOfFinishedParentsAtTrimHorizon() {
        Checkpoint checkpoint = Checkpoint.empty("s").withFinished("s0").with("s1", ShardPosition.after("5"))
                .with("s2", ShardPosition.within("7", 2));
        ShardScheduler scheduler = new ShardScheduler(StartPosition.LATEST, checkpoint);
        Map<String, Shard> listing = splitThenMerged(false);
        List<ShardScheduler.Start> starts = scheduler.ready(listing);
        assertThat(types(starts)).containsExactly(Map.entry("s1", ShardIteratorType.AFTER_SEQUENCE_NUMBER),
                Map.entry("s2", ShardIteratorType.AT_SEQUENCE_NUMBER));
        assertThat(starts.get(1).from().delivered()).isEqualTo(ShardPosition.within("7", 2));
        scheduler.finished("s1");
        scheduler.finished("s2");
        assertThat(types(scheduler.ready(listing))).as("not LATEST: its parents were read")
                .containsExactly(Map.entry("s3", ShardIteratorType.TRIM_HORIZON));
    }

    @Test
    void aShardWhoseChildTheCheckpointKnowsCountsAsFinished() {
        Checkpoint checkpoint = Checkpoint.empty("s").with("s1", ShardPosition.after("5"));
        ShardScheduler scheduler = new ShardScheduler(StartPosition.TRIM_HORIZON, checkpoint);
        Map<String, Shard> listing = splitThenMerged(false);
        assertThat(types(scheduler.ready(listing))).as("s0 is not read again; s2 is its other child, read from its start")
                .containsExactly(Map.entry("s1", ShardIteratorType.AFTER_SEQUENCE_NUMBER),
                        Map.entry("s2", ShardIteratorType.TRIM_HORIZON));
    }

    @Test
    void aParentRetentionRemovedCountsAsReadIfTheCheckpointKnewIt() {
        Map<String, Shard> listing = new LinkedHashMap<>(splitThenMerged(false));
        listing.remove("s0");
        ShardScheduler known = new ShardScheduler(StartPosition.LATEST, Checkpoint.empty("s").withFinished("s0"));
        assertThat(types(known.ready(listing))).containsOnlyKeys("s1", "s2").containsValues(ShardIteratorType.TRIM_HORIZON);
        ShardScheduler unknown = new ShardScheduler(StartPosition.LATEST, Checkpoint.empty("s"));
        assertThat(types(unknown.ready(listing))).as("closed and never read: nothing new there")
                .containsExactly(Map.entry("s3", ShardIteratorType.LATEST));
    }

    @Test
    void aSequenceNumberForTheStreamFallsBackToLatestOnOtherShards() {
        ShardScheduler scheduler = new ShardScheduler(StartPosition.atSequenceNumber("42"), Checkpoint.empty("s"));
        List<ShardScheduler.Start> starts = scheduler.ready(Map.of("a", shard("a", null, null, false)));
        assertThat(starts.getFirst().from().latestIfNotInShard()).isTrue();
        assertThat(Set.copyOf(types(starts).values())).containsExactly(ShardIteratorType.AT_SEQUENCE_NUMBER);
    }
}
