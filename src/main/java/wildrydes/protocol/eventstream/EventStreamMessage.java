package wildrydes.protocol.eventstream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of the {@code application/vnd.amazon.eventstream} framing: typed headers and an
 * opaque payload. Header values are String, byte[], Boolean, Byte, Short, Integer, Long,
 * {@link java.time.Instant} (millisecond timestamp) or {@link java.util.UUID}.
 */
public record EventStreamMessage(Map<String, Object> headers, byte[] payload) {

    public EventStreamMessage {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** An event of the given type whose payload is in the given content type. */
    public static EventStreamMessage event(String eventType, String contentType, byte[] payload) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(":message-type", "event");
        headers.put(":event-type", eventType);
        headers.put(":content-type", contentType);
        return new EventStreamMessage(headers, payload);
    }

    /** A modelled exception (for example ResourceInUseException), as the SDKs turn into typed errors. */
    public static EventStreamMessage exception(String exceptionType, String contentType, byte[] payload) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(":message-type", "exception");
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", contentType);
        return new EventStreamMessage(headers, payload);
    }

    public String stringHeader(String name) {
        Object value = headers.get(name);
        return value instanceof String s ? s : null;
    }
}
