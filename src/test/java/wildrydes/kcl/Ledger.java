package wildrydes.kcl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the test saw, in one order ({@link #tick()}): records the writer had acknowledged, and what the Kinesis
 * Client Library's record processors were given and checkpointed.
 */
final class Ledger {
    /** The sequence number stored for a SHARD_END checkpoint: above every real one. */
    static final BigInteger SHARD_END = BigInteger.ONE.shiftLeft(200);

    record Written(String key, int n, String shardId, BigInteger seq) {
    }

    /** One record given to processRecords; {@code processor} tells processor instances apart. */
    record Processed(long at, String worker, int processor, String shardId, String key, int n, BigInteger seq) {
    }

    /** A checkpoint the library confirmed (the call returned); {@code seq} is {@link #SHARD_END} at a shard's end. */
    record Checkpoint(long at, String worker, int processor, String shardId, BigInteger seq, String when) {
    }

    /** initialize(): where the library said the processor starts (a sequence number, or TRIM_HORIZON etc.). */
    record Init(long at, String worker, int processor, String shardId, String startingAt) {
    }

    record Event(long at, String worker, int processor, String shardId, String what) {
    }

    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong processors = new AtomicLong();
    final List<Written> written = Collections.synchronizedList(new ArrayList<>());
    final List<Processed> processed = Collections.synchronizedList(new ArrayList<>());
    final List<Checkpoint> checkpoints = Collections.synchronizedList(new ArrayList<>());
    final List<Init> inits = Collections.synchronizedList(new ArrayList<>());
    /** leaseLost, shardEnded, shutdownRequested. */
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    /** What should never happen: processor-side failures (a checkpoint refused for a reason other than a lost lease...). */
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    final ConcurrentHashMap<String, Integer> processedByWorker = new ConcurrentHashMap<>();

    long tick() {
        return clock.incrementAndGet();
    }

    int newProcessor() {
        return (int) processors.incrementAndGet();
    }

    static <T> List<T> copy(List<T> list) {
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    /** Which shards each worker's processors held at {@code at}: from initialize until leaseLost, shardEnded or shutdownRequested. */
    Map<String, Set<String>> holders(long at) {
        Map<Integer, Long> ended = new HashMap<>();
        for (Event e : copy(events)) {
            if (e.at() <= at && List.of("leaseLost", "shardEnded", "shutdownRequested").contains(e.what())) {
                ended.merge(e.processor(), e.at(), Math::min);
            }
        }
        Map<String, Set<String>> held = new TreeMap<>();
        for (Init init : copy(inits)) {
            if (init.at() <= at && !ended.containsKey(init.processor())) {
                held.computeIfAbsent(init.worker(), w -> new TreeSet<>()).add(init.shardId());
            }
        }
        return held;
    }

    int processedCount() {
        return processed.size();
    }
}
