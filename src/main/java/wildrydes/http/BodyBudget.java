package wildrydes.http;

import io.netty.handler.codec.DecoderException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of request bodies still arriving, across every connection and stream of a server. Each
 * body is bounded on its own; this bounds them together, so that many clients sending large
 * bodies slowly at once cannot fill the heap.
 */
final class BodyBudget {
    private final long maxBytes;
    private final AtomicLong reserved = new AtomicLong();

    BodyBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes {@code bytes} from the budget, or nothing when that would go over it. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (now + bytes > maxBytes) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    long reserved() {
        return reserved.get();
    }

    long maxBytes() {
        return maxBytes;
    }

    /** A body refused because the budget is spent: answered with ServiceUnavailable, which clients retry. */
    static final class Exhausted extends DecoderException {
        Exhausted(String message) {
            super(message);
        }
    }
}
