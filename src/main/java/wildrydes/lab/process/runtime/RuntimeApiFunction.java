package wildrydes.lab.process.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import wildrydes.lab.process.FunctionEvent;
import wildrydes.lab.process.InvocationResult;
import wildrydes.lab.process.Json;
import wildrydes.lab.process.LambdaFunction;
import wildrydes.lab.process.Timeouts;

/**
 * A user's function behind the Runtime API: one runtime process (started at the first invocation
 * and kept warm), one invocation at a time. Failures are handled as Lambda handles them:
 * <ul>
 *   <li>the function's error ({@code /error}) fails the invocation with its error document;</li>
 *   <li>an init error ({@code /init/error}) fails it with the reported type, and the next invocation starts a new process;</li>
 *   <li>the process exiting fails it as {@code Runtime.ExitError} ("RequestId: ... Error: Runtime exited with error:
 *       exit status N") and the next invocation starts a new process;</li>
 *   <li>running past the timeout (init included) kills the process and fails it as {@code Sandbox.Timedout}
 *       ("RequestId: ... Error: Task timed out after N.00 seconds").</li>
 * </ul>
 * The process's stdout and stderr (the function's logs) are copied to {@code log}, each line prefixed.
 */
public final class RuntimeApiFunction implements LambdaFunction {
    private final FunctionConfig config;
    private final PrintStream log;
    private final RuntimeApiServer api;
    private volatile Process process;
    private RuntimeSession session;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private int starts;

    public RuntimeApiFunction(FunctionConfig config, PrintStream log) throws IOException {
        this.config = config;
        this.log = log;
        this.api = RuntimeApiServer.start();
    }

    @Override
    public String name() {
        return config.name();
    }

    /** How many runtime processes were started so far (restarts after crashes and timeouts included). */
    public synchronized int processStarts() {
        return starts;
    }

    @Override
    public synchronized InvocationResult invoke(FunctionEvent event) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        long timeout = config.timeout().toMillis();
        if (closed.get()) {
            return InvocationResult.platformError(requestId, "Runtime.ExitError", "RequestId: " + requestId
                    + " Error: the function was shut down", 0);
        }
        try {
            ensureProcess();
        } catch (IOException e) {
            return InvocationResult.platformError(requestId, "Runtime.InvalidEntrypoint", "RequestId: " + requestId
                    + " Error: could not start the runtime: " + e.getMessage(), 0);
        }
        Invocation invocation = new Invocation(requestId, event.json(), config.functionArn(), traceId(), timeout);
        RuntimeSession current = session;
        Process running = process;
        // Hand the event over once the runtime asks for it (its init counts against the timeout, as on first use).
        while (!current.offer(invocation, 50)) {
            InvocationResult failed = failedBeforePickUp(current, running, requestId, start, timeout);
            if (failed != null) {
                return failed;
            }
        }
        while (true) {
            Invocation.Answer answer;
            try {
                answer = invocation.answer.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                if (!running.isAlive()) {
                    return exited(requestId, running, start);
                }
                if (System.currentTimeMillis() >= invocation.deadlineMillis) {
                    stopProcess();
                    return InvocationResult.platformError(requestId, "Sandbox.Timedout", Timeouts.message(requestId, config.timeout()),
                            elapsed(start));
                }
                continue;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
            long duration = (System.nanoTime() - invocation.takenNanos) / 1_000_000;
            if (answer.errorType() == null) {
                return InvocationResult.success(requestId, answer.body(), duration);
            }
            return InvocationResult.error(requestId, documentType(answer), answer.body(), duration);
        }
    }

    private InvocationResult failedBeforePickUp(RuntimeSession current, Process running, String requestId, long start, long timeout) {
        Invocation.Answer initError = current.initError().getNow(null);
        if (initError != null) {
            stopProcess();
            return InvocationResult.error(requestId, documentType(initError), initError.body(), elapsed(start));
        }
        if (!running.isAlive()) {
            return exited(requestId, running, start);
        }
        if (elapsed(start) >= timeout) {
            stopProcess();
            return InvocationResult.platformError(requestId, "Sandbox.Timedout", Timeouts.message(requestId, config.timeout()),
                    elapsed(start));
        }
        return null;
    }

    private InvocationResult exited(String requestId, Process running, long start) {
        try {
            running.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String status = running.isAlive() ? "unknown" : exitStatus(running.exitValue());
        stopProcess();
        return InvocationResult.platformError(requestId, "Runtime.ExitError", "RequestId: " + requestId
                + " Error: Runtime exited with error: " + status, elapsed(start));
    }

    /** Go's words for how a process ended, as Lambda reports them: "exit status 1", "signal: killed". */
    static String exitStatus(int code) {
        return switch (code) {
            case 128 + 9 -> "signal: killed";
            case 128 + 15 -> "signal: terminated";
            case 128 + 6 -> "signal: aborted";
            case 128 + 11 -> "signal: segmentation fault";
            default -> "exit status " + code;
        };
    }

    /** The error type to show: the one in the error document (what the caller sees), else the header's. */
    private static String documentType(Invocation.Answer answer) {
        var document = Json.parseOrNull(answer.body());
        if (document != null && document.path("errorType").isTextual() && !document.get("errorType").asText().isEmpty()) {
            return document.get("errorType").asText();
        }
        return answer.errorType();
    }

    private void ensureProcess() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        stopProcess();
        session = api.newSession();
        ProcessBuilder builder = RuntimeLauncher.builder(config, api.address());
        process = builder.start();
        starts++;
        copyLines(process.getInputStream(), process.pid());
        copyLines(process.getErrorStream(), process.pid());
    }

    private void copyLines(InputStream stream, long pid) {
        Thread.ofVirtual().name("function-log-" + pid).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.println("[" + config.name() + "] " + line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
    }

    private void stopProcess() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** An X-Ray trace header as Lambda sends one: Root=1-{epoch hex}-{24 hex};Parent={16 hex};Sampled=0. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Process running = process; // without the lock: an invocation in progress ends at once as the process goes
        if (running != null) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
        synchronized (this) {
            stopProcess();
        }
        api.close();
    }
}
