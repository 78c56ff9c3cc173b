package wildrydes.storage;

import java.util.concurrent.CompletableFuture;

/**
 * An append written to its segment but not yet committed: it waits for its journal entry to be
 * durable and, if it sealed the segment before it, for that segment to be durable and indexed.
 * Its flags are guarded by the owning log's lock.
 */
final class PendingAppend {

    private final AppendResult result;
    private final Segment segment;
    private final long startPosition;
    private final long endPosition;
    private final Segment sealed;
    private final CompletableFuture<AppendResult> future = new CompletableFuture<>();
    boolean journaled;
    boolean sealRequested;

    /**
     * @param segment       the segment its frames went into
     * @param startPosition where its first frame starts in that segment (where to cut back to if it fails)
     * @param endPosition   where its last frame ends in that segment
     * @param sealed        the segment it sealed before writing (it commits once that one is durable), or null
     */
    PendingAppend(AppendResult result, Segment segment, long startPosition, long endPosition, Segment sealed) {
        this.result = result;
        this.segment = segment;
        this.startPosition = startPosition;
        this.endPosition = endPosition;
        this.sealed = sealed;
    }

    AppendResult result() {
        return result;
    }

    Segment segment() {
        return segment;
    }

    long startPosition() {
        return startPosition;
    }

    long endPosition() {
        return endPosition;
    }

    Segment sealed() {
        return sealed;
    }

    CompletableFuture<AppendResult> future() {
        return future;
    }

    long endSequence() {
        return result.firstSequence() + result.count();
    }
}
