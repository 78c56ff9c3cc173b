package wildrydes.lab.process;

import java.nio.charset.StandardCharsets;

/**
 * How one invocation ended, as Lambda reports it to the caller of a synchronous Invoke: the
 * function's response payload, or an error with its type (the Lambda-Runtime-Function-Error-Type,
 * or the platform's own, such as {@code Runtime.ExitError} or {@code Sandbox.Timedout}) and the
 * error document, {@code {"errorMessage":...,"errorType":...}}.
 *
 * @param requestId the invocation's request id
 * @param payload   the response (success) or the error document (error), as bytes
 * @param errorType null on success
 * @param durationMillis how long the invocation ran
 */
public record InvocationResult(String requestId, byte[] payload, String errorType, long durationMillis) {

    public static InvocationResult success(String requestId, byte[] payload, long durationMillis) {
        return new InvocationResult(requestId, payload, null, durationMillis);
    }

    public static InvocationResult error(String requestId, String errorType, byte[] document, long durationMillis) {
        return new InvocationResult(requestId, document, errorType, durationMillis);
    }

    /** An error raised by the platform rather than the function's code, with Lambda's document shape. */
    public static InvocationResult platformError(String requestId, String errorType, String message, long durationMillis) {
        String document = "{\"errorType\":" + Json.quote(errorType) + ",\"errorMessage\":" + Json.quote(message) + "}";
        return error(requestId, errorType, document.getBytes(StandardCharsets.UTF_8), durationMillis);
    }

    public boolean failed() {
        return errorType != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
