package wildrydes.lab.process.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * One invocation handed to the runtime: what {@code GET /runtime/invocation/next} answers, and the
 * future its response or error completes. {@code deadlineMillis} is set when the runtime takes it.
 */
final class Invocation {
    final String requestId;
    final byte[] event;
    final String functionArn;
    final String traceId;
    final long timeoutMillis;
    volatile long deadlineMillis;
    volatile long takenNanos;
    final CompletableFuture<Answer> answer = new CompletableFuture<>();

    /** What the runtime answered: a response body, or an error (type from Lambda-Runtime-Function-Error-Type) and its body. */
    record Answer(byte[] body, String errorType, boolean tooLarge) {
    }

    Invocation(String requestId, byte[] event, String functionArn, String traceId, long timeoutMillis) {
        this.requestId = requestId;
        this.event = event;
        this.functionArn = functionArn;
        this.traceId = traceId;
        this.timeoutMillis = timeoutMillis;
    }
}
