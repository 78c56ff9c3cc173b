package wildrydes.api;

/**
 * A response that goes on as an event stream ({@code application/vnd.amazon.eventstream}):
 * {@link #writeTo} writes the payload of the {@code initial-response} event, then the HTTP
 * layer pulls events from {@link #events()} as fast as the connection takes them.
 */
public interface EventStreamResponse extends Response {
    EventSource events();
}
