package wildrydes.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import wildrydes.errors.ErrorCode;
import wildrydes.protocol.ResponseWriter;

/** The one place where typed errors become HTTP status codes and bodies. */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static HttpResponseStatus status(ErrorCode code) {
        return switch (code) {
            case InternalFailure -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
            case ServiceUnavailable -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            case AccessDeniedException, MissingAuthenticationTokenException, IncompleteSignatureException,
                 InvalidSignatureException, UnrecognizedClientException -> HttpResponseStatus.BAD_REQUEST;
            default -> HttpResponseStatus.BAD_REQUEST;
        };
    }

    /** AWS writes the message under {@code Message} for a SerializationException, under {@code message} for every other error. */
    static void writeBody(ResponseWriter writer, ErrorCode code, String message) {
        String key = code == ErrorCode.SerializationException ? "Message" : "message";
        writer.startObject().string("__type", code.name()).string(key, message).endObject();
    }
}
