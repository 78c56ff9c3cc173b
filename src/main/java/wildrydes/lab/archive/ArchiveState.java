package wildrydes.lab.archive;

import java.time.Instant;
import java.util.List;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.StartPosition;

/**
 * An archive's durable state: where new shards start, how far every shard's records are in
 * objects of the lake ({@code checkpoint}), the totals delivered, and, while objects are being
 * renamed into place, the {@link Intent}: which staged files become which objects and the
 * checkpoint that holds once they have. On a restart an intent is finished or discarded by what
 * is on disk (see {@link ArchiveRecovery}), so every record is in exactly one object.
 *
 * @param start where shards the checkpoint does not know start: TRIM_HORIZON, or AT_TIMESTAMP of
 *              the first run's start when that run began at the latest records (a fixed time, so a
 *              restart neither skips nor repeats anything on shards it had not yet read)
 */
public record ArchiveState(StartPosition start, Checkpoint checkpoint, Delivered delivered, Intent intent) {

    /** Staged files to rename into the lake, and the checkpoint and totals once they are there. */
    public record Intent(List<Move> moves, Checkpoint checkpoint, Delivered delivered) {
        public Intent {
            moves = List.copyOf(moves);
        }
    }

    /** A staged file (relative to the lake) and the object key it becomes. */
    public record Move(String staged, String target) {
    }

    public static ArchiveState first(String stream, StartPosition start, Instant now) {
        StartPosition fixed = switch (start.type()) {
            case TRIM_HORIZON, AT_TIMESTAMP -> start;
            case LATEST -> StartPosition.atTimestamp(now);
            default -> throw new IllegalArgumentException("an archive starts at trim-horizon, latest or a time, not "
                    + start.describe());
        };
        return new ArchiveState(fixed, Checkpoint.empty(stream), Delivered.NONE, null);
    }

    public ArchiveState withIntent(Intent intent) {
        return new ArchiveState(start, checkpoint, delivered, intent);
    }

    /** The state once the intent's objects are in the lake. */
    public ArchiveState completed() {
        return new ArchiveState(start, intent.checkpoint(), intent.delivered(), null);
    }

    /** The state as if the intent had never been made. */
    public ArchiveState discarded() {
        return new ArchiveState(start, checkpoint, delivered, null);
    }

    public ArchiveState advancedTo(Checkpoint next, Delivered total) {
        return new ArchiveState(start, next, total, null);
    }
}
