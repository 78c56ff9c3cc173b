package wildrydes.lab.process.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Runtime API state of one runtime process, with the transitions of Lambda's runtime
 * (as its open-source emulator implements them): Started, then {@code next} makes it Ready and,
 * once an invocation is handed over, Running; a response or an error moves it through
 * InvocationResponse / InvocationErrorResponse to RuntimeResponseSentState, from which the next
 * {@code next} starts again; {@code init/error} is allowed only while Started. A call that does
 * not fit gets {@code 403 InvalidStateTransition}; a request id that is not the current
 * invocation's gets {@code 400 InvalidRequestID}, checked first.
 */
final class RuntimeSession {
    enum State {
        STARTED("Started"), READY("Ready"), RUNNING("Running"), INVOCATION_RESPONSE("InvocationResponse"),
        INVOCATION_ERROR_RESPONSE("InvocationErrorResponse"), RESPONSE_SENT("RuntimeResponseSentState"), INIT_ERROR("InitError");

        final String apiName;

        State(String apiName) {
            this.apiName = apiName;
        }
    }

    /** A refused call: HTTP status, Lambda's errorType and errorMessage. */
    static final class Refusal extends Exception {
        final int status;
        final String errorType;

        Refusal(int status, String errorType, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorType = errorType;
        }
    }

    private final SynchronousQueue<Invocation> handOver = new SynchronousQueue<>();
    private final CompletableFuture<Invocation.Answer> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> firstNext = new CompletableFuture<>();
    private State state = State.STARTED;
    private Invocation current;
    private volatile boolean closed;

    /** Offers an invocation to the runtime; false if it did not ask for one within the wait. */
    boolean offer(Invocation invocation, long waitMillis) throws InterruptedException {
        return handOver.offer(invocation, waitMillis, TimeUnit.MILLISECONDS);
    }

    /** Completes when the runtime first asks for an invocation (its init is done). */
    CompletableFuture<Void> initDone() {
        return firstNext;
    }

    /** Completes when the runtime reports an init error. */
    CompletableFuture<Invocation.Answer> initError() {
        return initError;
    }

    /** GET next: blocks until an invocation is handed over (or the session closes: null). */
    Invocation next() throws Refusal, InterruptedException {
        synchronized (this) {
            if (state == State.RUNNING && current != null) {
                return current; // asked again before answering: the same event, as Lambda's runtime does
            }
            if (state != State.STARTED && state != State.RESPONSE_SENT) {
                throw transition(State.READY);
            }
            state = State.READY;
        }
        firstNext.complete(null);
        while (!closed) {
            Invocation invocation = handOver.poll(100, TimeUnit.MILLISECONDS);
            if (invocation != null) {
                synchronized (this) {
                    current = invocation;
                    state = State.RUNNING;
                }
                invocation.takenNanos = System.nanoTime();
                invocation.deadlineMillis = System.currentTimeMillis() + invocation.timeoutMillis;
                return invocation;
            }
        }
        return null;
    }

    /** POST response or error for {@code requestId}. */
    synchronized void answer(String requestId, Invocation.Answer answer) throws Refusal {
        if (current == null || !current.requestId.equals(requestId)) {
            throw new Refusal(400, "InvalidRequestID", "Invalid request ID");
        }
        State target = answer.errorType() == null && !answer.tooLarge() ? State.INVOCATION_RESPONSE : State.INVOCATION_ERROR_RESPONSE;
        if (state != State.RUNNING) {
            throw transition(target);
        }
        state = State.RESPONSE_SENT;
        current.answer.complete(answer);
    }

    /** POST init/error. */
    synchronized void initFailed(Invocation.Answer answer) throws Refusal {
        if (state != State.STARTED) {
            throw transition(State.INIT_ERROR);
        }
        state = State.INIT_ERROR;
        initError.complete(answer);
    }

    private Refusal transition(State target) {
        return new Refusal(403, "InvalidStateTransition", "State transition from " + state.apiName + " to " + target.apiName
                + " failed for runtime. Error: State transition is not allowed");
    }

    void close() {
        closed = true;
    }
}
