package wildrydes.storage;

import java.util.Arrays;

/**
 * The in-memory sparse index of one segment: entries of (sequence, file position, arrival time)
 * for some frames, in increasing order of all three (arrival times never decrease). One thread
 * appends (under the log's lock) while others search: an entry is written before the count that
 * makes it visible.
 */
final class SparseIndex {

    private static final int FIELDS = 3;

    private volatile long[] entries;
    private volatile int count;

    SparseIndex() {
        this(new long[FIELDS * 8], 0);
    }

    private SparseIndex(long[] entries, int count) {
        this.entries = entries;
        this.count = count;
    }

    /** An index over entries laid out as {@code sequence, position, arrival} triples. */
    static SparseIndex of(long[] triples) {
        if (triples.length % FIELDS != 0) {
            throw new IllegalArgumentException("not a whole number of entries: " + triples.length);
        }
        return new SparseIndex(triples.clone(), triples.length / FIELDS);
    }

    int count() {
        return count;
    }

    long sequence(int i) {
        return entries[i * FIELDS];
    }

    long position(int i) {
        return entries[i * FIELDS + 1];
    }

    long arrivalMillis(int i) {
        return entries[i * FIELDS + 2];
    }

    /** Position of the last entry, or -1 if there is none. */
    long lastPosition() {
        int n = count;
        return n == 0 ? -1 : entries[(n - 1) * FIELDS + 1];
    }

    void add(long sequence, long position, long arrivalMillis) {
        int n = count;
        long[] e = entries;
        if ((n + 1) * FIELDS > e.length) {
            e = Arrays.copyOf(e, e.length * 2);
            entries = e;
        }
        e[n * FIELDS] = sequence;
        e[n * FIELDS + 1] = position;
        e[n * FIELDS + 2] = arrivalMillis;
        count = n + 1;
    }

    /** The last entry with a sequence at or before the given one, or -1. */
    int floorBySequence(long sequence) {
        int n = count;
        long[] e = entries;
        int low = 0;
        int high = n - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (e[mid * FIELDS] <= sequence) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** The last entry that arrived strictly before the given time, or -1. */
    int lastArrivedBefore(long arrivalMillis) {
        int n = count;
        long[] e = entries;
        int low = 0;
        int high = n - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (e[mid * FIELDS + 2] < arrivalMillis) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** Forgets the entries of frames at or after the position (the file is being cut there). */
    void truncateFrom(long position) {
        int n = count;
        while (n > 0 && entries[(n - 1) * FIELDS + 1] >= position) {
            n--;
        }
        count = n;
    }

    /** The entries as {@code sequence, position, arrival} triples. */
    long[] toTriples() {
        int n = count;
        return Arrays.copyOf(entries, n * FIELDS);
    }
}
