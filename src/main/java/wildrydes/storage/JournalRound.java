package wildrydes.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The entries of one group commit, in journal order: appenders fill one round while the commit
 * thread writes and forces the other. Its bytes live in a direct buffer, so that the one write
 * of a round copies nothing more.
 */
final class JournalRound {

    private static final int INITIAL_BYTES = 64 * 1024;
    private static final int MAX_KEPT_BYTES = 8 * 1024 * 1024;

    private ByteBuffer bytes = ByteBuffer.allocateDirect(INITIAL_BYTES);
    private JournalCallback[] callbacks = new JournalCallback[64];
    private final java.util.IdentityHashMap<JournalCallback, Integer> distinct = new java.util.IdentityHashMap<>();
    private final java.util.ArrayList<Integer> counts = new java.util.ArrayList<>();
    private JournalCallback[] order = new JournalCallback[64];
    private int distinctCount;
    private int count;
    private long records;
    private long start;

    /** Empties the round; its first entry will have journal position {@code start}. */
    void reset(long start) {
        if (bytes.capacity() > MAX_KEPT_BYTES) {
            bytes = ByteBuffer.allocateDirect(INITIAL_BYTES); // an exceptionally large round does not pin its memory
        }
        bytes.clear();
        Arrays.fill(callbacks, 0, count, null);
        Arrays.fill(order, 0, distinctCount, null);
        distinct.clear();
        distinctCount = 0;
        count = 0;
        records = 0;
        this.start = start;
    }

    boolean isEmpty() {
        return count == 0;
    }

    long start() {
        return start;
    }

    /** The journal position after the round's last entry. */
    long end() {
        return start + bytes.position();
    }

    int count() {
        return count;
    }

    long records() {
        return records;
    }

    /** Counts the entries of each log (callback), in the order of their first entries: see {@link #distinctCallback}. */
    void countByCallback() {
        distinct.clear();
        counts.clear();
        int n = 0;
        for (int i = 0; i < count; i++) {
            Integer at = distinct.get(callbacks[i]);
            if (at == null) {
                distinct.put(callbacks[i], n);
                order[n] = callbacks[i];
                counts.add(1);
                n++;
            } else {
                counts.set(at, counts.get(at) + 1);
            }
        }
        distinctCount = n;
    }

    int callbackCount() {
        return distinctCount;
    }

    JournalCallback distinctCallback(int i) {
        return order[i];
    }

    int entriesOf(int i) {
        return counts.get(i);
    }

    void add(byte[] logId, ByteBuffer payload, int crc, int recordCount, JournalCallback callback) {
        int size = JournalEntry.entryBytes(logId.length, payload.remaining());
        if (bytes.remaining() < size) {
            ByteBuffer larger = ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE - 16,
                    Math.max((long) bytes.capacity() * 2, (long) bytes.position() + size)));
            bytes.flip();
            larger.put(bytes);
            bytes = larger;
        }
        JournalEntry.put(bytes, end(), crc, logId, payload);
        if (count == callbacks.length) {
            callbacks = Arrays.copyOf(callbacks, count * 2);
            order = Arrays.copyOf(order, count * 2);
        }
        callbacks[count++] = callback;
        records += recordCount;
    }

    /** The round's bytes, for its one write. */
    ByteBuffer contents() {
        ByteBuffer view = bytes.duplicate();
        view.flip();
        return view;
    }
}
