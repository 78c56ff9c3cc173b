package wildrydes.lab.tail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Decides, at each listing, which shards start being read and from where:
 * <ul>
 *   <li>a shard the checkpoint finished, or one with a child the checkpoint knows, is not read;</li>
 *   <li>a shard with a checkpoint position resumes after it;</li>
 *   <li>any other shard waits until each parent still listed is finished (read to its end) or
 *       skipped; then it starts at TRIM_HORIZON if a parent was read (or AT_TIMESTAMP of the
 *       start, when the tail starts at a time), and otherwise at the tail's start position — where
 *       a closed shard is skipped when that position is LATEST, as it holds nothing new.</li>
 * </ul>
 * A parent no longer listed (expired) counts as read if this tail or its checkpoint knew it.
 */
final class ShardScheduler {
    enum Phase { READING, FINISHED, SKIPPED }

    /** A shard to start now. */
    record Start(Shard shard, ReadStart from) {
    }

    private final StartPosition from;
    private final Checkpoint resume;
    private final Map<String, Phase> phases = new HashMap<>();

    ShardScheduler(StartPosition from, Checkpoint resume) {
        this.from = from;
        this.resume = resume;
    }

    /** The shards of this listing to start now; they count as being read from here on. */
    synchronized List<Start> ready(Map<String, Shard> listing) {
        List<Start> starts = new ArrayList<>();
        boolean changed = true;
        while (changed) { // a skipped or finished shard may free its children in the same listing
            changed = false;
            for (Shard shard : listing.values()) {
                if (!phases.containsKey(shard.shardId()) && decide(shard, listing, starts)) {
                    changed = true;
                }
            }
        }
        return starts;
    }

    /** The shard was read to its end. */
    synchronized void finished(String shardId) {
        phases.put(shardId, Phase.FINISHED);
    }

    private boolean decide(Shard shard, Map<String, Shard> listing, List<Start> starts) {
        String id = shard.shardId();
        if (resume.isFinished(id) || hasKnownChild(id, listing)) {
            phases.put(id, Phase.FINISHED);
            return true;
        }
        ShardPosition position = resume.position(id);
        if (position != null) {
            return start(shard, ReadStart.resume(position), starts);
        }
        boolean parentRead = false;
        for (String parent : parents(shard)) {
            Phase phase = phases.get(parent);
            if (listing.containsKey(parent) ? phase == null || phase == Phase.READING : phase == Phase.READING) {
                return false; // children start only when all their parents are done
            }
            parentRead |= phase == Phase.FINISHED || !listing.containsKey(parent) && resume.knows(parent);
        }
        if (parentRead) {
            StartPosition child = from.type() == ShardIteratorType.AT_TIMESTAMP ? from : StartPosition.TRIM_HORIZON;
            return start(shard, ReadStart.from(child), starts);
        }
        boolean closed = shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
        if (closed && from.type() == ShardIteratorType.LATEST) {
            phases.put(id, Phase.SKIPPED);
            return true;
        }
        return start(shard, ReadStart.from(from), starts);
    }

    private boolean start(Shard shard, ReadStart readStart, List<Start> starts) {
        phases.put(shard.shardId(), Phase.READING);
        starts.add(new Start(shard, readStart));
        return true;
    }

    private boolean hasKnownChild(String id, Map<String, Shard> listing) {
        for (Shard other : listing.values()) {
            if (parents(other).contains(id) && resume.knows(other.shardId())) {
                return true;
            }
        }
        return false;
    }

    static List<String> parents(Shard shard) {
        List<String> parents = new ArrayList<>(2);
        if (shard.parentShardId() != null) {
            parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null && !shard.adjacentParentShardId().equals(shard.parentShardId())) {
            parents.add(shard.adjacentParentShardId());
        }
        return parents;
    }
}
