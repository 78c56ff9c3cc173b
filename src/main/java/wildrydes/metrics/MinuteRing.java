package wildrydes.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@value #MINUTES} minutes of one stream: slot {@code minute mod 1440} holds that
 * minute's bucket. A bucket is made only when its minute sees activity and replaces the one a
 * day older in its slot with a single CAS, so writers never lock and never reset a bucket that
 * another writer is still adding to. Memory is at most 1440 buckets, whatever the uptime.
 */
final class MinuteRing {
    static final int MINUTES = 1440;

    private final AtomicReferenceArray<MinuteBucket> slots = new AtomicReferenceArray<>(MINUTES);

    /** The bucket to write for {@code minute}; null if the slot already moved past it (a write a day late). */
    MinuteBucket writable(long minute) {
        int slot = slot(minute);
        while (true) {
            MinuteBucket current = slots.get(slot);
            if (current != null && current.minute() >= minute) {
                return current.minute() == minute ? current : null;
            }
            MinuteBucket fresh = new MinuteBucket(minute);
            if (slots.compareAndSet(slot, current, fresh)) {
                return fresh;
            }
        }
    }

    /** The bucket of {@code minute}, or null when that minute saw nothing or is more than a day old. */
    MinuteBucket readable(long minute) {
        MinuteBucket bucket = slots.get(slot(minute));
        return bucket != null && bucket.minute() == minute ? bucket : null;
    }

    /** How many buckets are held: never more than {@value #MINUTES}. */
    int bucketCount() {
        int count = 0;
        for (int i = 0; i < MINUTES; i++) {
            if (slots.get(i) != null) {
                count++;
            }
        }
        return count;
    }

    private static int slot(long minute) {
        return (int) Math.floorMod(minute, MINUTES);
    }
}
