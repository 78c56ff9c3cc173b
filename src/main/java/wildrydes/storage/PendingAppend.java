package wildrydes.storage;

import java.util.concurrent.CompletableFuture;

/**
 * An append written to its segment but not yet committed.
 *
 * @param result        what the append is acknowledged with once committed
 * @param segment       the segment its frames went into
 * @param startPosition where its first frame starts in that segment (where to cut back to if it fails)
 * @param endPosition   where its last frame ends in that segment
 * @param future        completed when it is committed, failed when it is rolled back
 */
record PendingAppend(AppendResult result, Segment segment, long startPosition, long endPosition, CompletableFuture<AppendResult> future) {

    long endSequence() {
        return result.firstSequence() + result.count();
    }
}
