package wildrydes.api;

/**
 * The events of one streaming response, pulled by the HTTP layer: it calls {@link #next} only
 * while the connection can take more, when woken or when {@link #nanosUntilDue} says a timed
 * event (a heartbeat, the end) is due. Implementations never block and never poll.
 */
public interface EventSource {

    /** Starts the source; {@code wake} may be run on any thread whenever {@link #next} may have something new. */
    void start(Runnable wake);

    /** The next event, or null when there is nothing to send now. Nothing follows an event that is {@link StreamEvent#last()}. */
    StreamEvent next(long nowNanos);

    /** Nanoseconds until a timed event is due even without a wake; {@link Long#MAX_VALUE} for none. */
    long nanosUntilDue(long nowNanos);

    /** Releases what the source holds; called exactly once, however the stream ended (also when the client left). */
    void close();
}
