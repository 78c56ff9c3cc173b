package wildrydes.protocol.eventstream;

/** A frame that is not a valid event-stream message: bad lengths, a CRC mismatch or an unknown header type. */
public final class EventStreamException extends RuntimeException {
    public EventStreamException(String message) {
        super(message);
    }
}
