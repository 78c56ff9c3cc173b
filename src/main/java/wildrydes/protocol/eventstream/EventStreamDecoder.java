package wildrydes.protocol.eventstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream, fed in arbitrary pieces, into event-stream messages. A corrupt prelude
 * or message fails the whole stream: after a bad length nothing that follows can be trusted.
 */
public final class EventStreamDecoder {
    private byte[] buffer = new byte[8192];
    private int length;

    /** Adds bytes and returns every message they complete, in order. */
    public List<EventStreamMessage> feed(byte[] bytes, int offset, int count) {
        ensureRoom(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        List<EventStreamMessage> messages = new ArrayList<>();
        int start = 0;
        while (length - start >= EventStreamCodec.PRELUDE_BYTES) {
            int total = EventStreamCodec.checkPrelude(buffer, start);
            if (length - start < total) {
                break;
            }
            messages.add(EventStreamCodec.decode(Arrays.copyOfRange(buffer, start, start + total)));
            start += total;
        }
        System.arraycopy(buffer, start, buffer, 0, length - start);
        length -= start;
        return messages;
    }

    public List<EventStreamMessage> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** Bytes of an incomplete message still waiting for the rest. */
    public int pendingBytes() {
        return length;
    }

    private void ensureRoom(int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
    }
}
