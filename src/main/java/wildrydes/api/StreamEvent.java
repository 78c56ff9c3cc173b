package wildrydes.api;

import wildrydes.errors.ErrorCode;

/**
 * One message of a streaming response: an event of a type, a modelled exception (the stream's
 * last message), or the plain end of the stream (no message at all).
 *
 * @param kind    what the message is
 * @param type    the {@code :event-type} or {@code :exception-type}; null for the end
 * @param payload written in the request's format; null for the end
 * @param last    nothing follows it
 */
public record StreamEvent(Kind kind, String type, Response payload, boolean last) {

    public enum Kind { EVENT, EXCEPTION, END }

    public static StreamEvent event(String type, Response payload, boolean last) {
        return new StreamEvent(Kind.EVENT, type, payload, last);
    }

    /** An error in the middle of the stream; the SDKs raise it as the typed exception. */
    public static StreamEvent exception(ErrorCode code, String message) {
        String type = code == ErrorCode.InternalFailure ? "InternalFailureException" : code.name();
        return new StreamEvent(Kind.EXCEPTION, type, w -> w.startObject().string("message", message).endObject(), true);
    }

    public static StreamEvent end() {
        return new StreamEvent(Kind.END, null, null, true);
    }
}
