package wildrydes.lab.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import wildrydes.lab.tail.Checkpoint;
import wildrydes.lab.tail.RecordBatch;
import wildrydes.lab.tail.RecordSink;
import wildrydes.lab.tail.ShardEnd;
import wildrydes.lab.tail.TailRecord;

/**
 * The archive's sink: buffers what the stream tail delivers and writes it to the lake in objects,
 * when the buffer reaches its size or its first record has waited the buffer interval, whichever
 * comes first (interval 0: every read is delivered at once). A delivery is exactly once and never
 * shows a partial object:
 * <ol>
 *   <li>the objects are written to a staging folder and forced to disk;</li>
 *   <li>the intent (staged files, their keys, the checkpoint and totals after them) is saved;</li>
 *   <li>each staged file is renamed to its key (atomic: an object appears whole or not at all),
 *       and the folders are forced;</li>
 *   <li>the checkpoint and totals after the delivery are saved, without the intent.</li>
 * </ol>
 * A stop at any point is settled at the next start by {@link ArchiveRecovery}. Deliveries of all
 * shards go through one lock, so a shard's reader waits while a delivery is written (back-pressure).
 */
public final class Archiver implements RecordSink {
    /** What the archive has buffered now, readable from any thread. */
    public record Buffered(int records, long bytes, long oldestArrivalMillis) {
        static final Buffered NONE = new Buffered(0, 0, Long.MAX_VALUE);
    }

    /** Hears of each delivery once it is complete. */
    public interface Events {
        void delivered(DeliveryReport report);
    }

    private final Path lake;
    private final long bufferSizeBytes;
    private final long intervalNanos;
    private final ObjectStager stager;
    private final ArchiveStateStore store;
    private final Clock clock;
    private final Events events;
    private final DeliveryStep.Observer steps;
    private final ReentrantLock lock = new ReentrantLock();
    private final DeliveryBuffer buffer = new DeliveryBuffer();
    private volatile ArchiveState state;
    private volatile Buffered buffered = Buffered.NONE;

    Archiver(Path lake, Duration bufferInterval, long bufferSizeBytes, ObjectStager stager, ArchiveStateStore store,
             ArchiveState state, Clock clock, Events events, DeliveryStep.Observer steps) {
        if (state.intent() != null) {
            throw new IllegalArgumentException("recover the archive state before delivering");
        }
        this.lake = lake;
        this.bufferSizeBytes = bufferSizeBytes;
        this.intervalNanos = bufferInterval.toNanos();
        this.stager = stager;
        this.store = store;
        this.state = state;
        this.clock = clock;
        this.events = events;
        this.steps = steps;
    }

    @Override
    public void deliver(RecordBatch batch) throws IOException {
        lock.lock();
        try {
            for (TailRecord record : batch.records()) {
                if (buffer.wouldExceed(record.data().length, bufferSizeBytes)) {
                    deliverBuffer();
                }
                buffer.add(record, clock.instant(), System.nanoTime());
            }
            buffer.advance(batch.shardId(), batch.end());
            if (intervalNanos == 0 || buffer.bytes() >= bufferSizeBytes) {
                deliverBuffer();
            }
            publish();
        } finally {
            lock.unlock();
        }
    }

    /** A shard read to its end is finished in the checkpoint with the delivery of its last records (now, if none wait). */
    @Override
    public void shardEnded(ShardEnd end) throws IOException {
        lock.lock();
        try {
            buffer.finish(end.shardId());
            if (!buffer.hasRecords()) {
                deliverBuffer();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Delivers the buffer if its first record has waited the buffer interval; called a few times a second. */
    public void tick() throws IOException {
        lock.lock();
        try {
            if (buffer.due(System.nanoTime(), intervalNanos)) {
                deliverBuffer();
                publish();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Delivers whatever is buffered (when the archive stops). */
    public void flush() throws IOException {
        lock.lock();
        try {
            deliverBuffer();
            publish();
        } finally {
            lock.unlock();
        }
    }

    /** The durable state: what the lake holds. */
    public ArchiveState state() {
        return state;
    }

    /** The checkpoint the lake's objects reach. */
    public Checkpoint checkpoint() {
        return state.checkpoint();
    }

    public Buffered buffered() {
        return buffered;
    }

    private void publish() {
        buffered = buffer.hasRecords() ? new Buffered(buffer.size(), buffer.bytes(), buffer.oldestArrivalMillis()) : Buffered.NONE;
    }

    private void deliverBuffer() throws IOException {
        if (!buffer.hasRecords() && !buffer.hasProgress()) {
            return;
        }
        ArchiveState before = state;
        Checkpoint next = buffer.applyTo(before.checkpoint());
        if (!buffer.hasRecords()) {
            ArchiveState after = before.advancedTo(next, before.delivered());
            store.save(after);
            state = after;
            buffer.clear();
            return;
        }
        List<StagedObject> objects = stager.stage(buffer.records(), buffer.oldestArrival());
        // The staged files' entries must survive a power cut too: the intent will name them.
        DurableFiles.forceDirectory(objects.getFirst().staged().getParent());
        steps.reached(DeliveryStep.STAGED);
        Delivered added = Delivered.NONE;
        List<ArchiveState.Move> moves = new ArrayList<>();
        for (StagedObject object : objects) {
            added = added.plus(object.delivered());
            moves.add(new ArchiveState.Move(lake.relativize(object.staged()).toString(), object.key()));
        }
        Delivered total = before.delivered().plus(added);
        store.save(before.withIntent(new ArchiveState.Intent(moves, next, total)));
        steps.reached(DeliveryStep.INTENT_SAVED);
        Set<Path> folders = new LinkedHashSet<>();
        for (StagedObject object : objects) {
            Path target = lake.resolve(object.key());
            DurableFiles.createDirectories(target.getParent());
            DurableFiles.moveAtomically(object.staged(), target);
            folders.add(target.getParent());
        }
        for (Path folder : folders) {
            DurableFiles.forceDirectory(folder);
        }
        steps.reached(DeliveryStep.RENAMED);
        ArchiveState after = before.advancedTo(next, total);
        store.save(after);
        state = after;
        buffer.clear();
        steps.reached(DeliveryStep.SAVED);
        events.delivered(new DeliveryReport(objects.stream().map(StagedObject::key).toList(), added.records(), added.bytes(),
                added.objectBytes(), added.conversionFailures()));
    }
}
