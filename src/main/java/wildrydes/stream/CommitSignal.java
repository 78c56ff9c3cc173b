package wildrydes.stream;

import java.util.Arrays;

/**
 * Tells the readers of a shard that records were committed, so that pushed reads (SubscribeToShard)
 * wake up at once instead of polling. With nobody listening, {@link #fire()} is one volatile read.
 * Listeners run on the thread that completed the append (the fsync thread): they must only hand
 * work off, never block.
 */
public final class CommitSignal {
    private static final Runnable[] NONE = {};

    private volatile Runnable[] listeners = NONE;

    public synchronized void add(Runnable listener) {
        Runnable[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[listeners.length] = listener;
        listeners = grown;
    }

    public synchronized void remove(Runnable listener) {
        Runnable[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                Runnable[] shrunk = new Runnable[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                listeners = shrunk;
                return;
            }
        }
    }

    /** Called after records of the shard were committed (or the shard was closed). */
    public void fire() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
