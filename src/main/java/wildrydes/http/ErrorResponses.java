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
                 InvalidSignatureException -> HttpResponseStatus.BAD_REQUEST;
            default -> HttpResponseStatus.BAD_REQUEST;
        };
    }

    static void writeBody(ResponseWriter writer, ErrorCode code, String message) {
        writer.startObject().string("__type", code.name()).string("message", message).endObject();
    }
}
