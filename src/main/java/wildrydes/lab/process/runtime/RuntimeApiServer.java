package wildrydes.lab.process.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wildrydes.lab.process.Json;

/**
 * The Lambda Runtime API (2018-06-01) on a loopback port, as a runtime process sees it through
 * {@code AWS_LAMBDA_RUNTIME_API}: {@code GET /2018-06-01/runtime/invocation/next} (long-polls
 * until there is an invocation; answers the event with the Lambda-Runtime-Aws-Request-Id,
 * -Deadline-Ms, -Invoked-Function-Arn and -Trace-Id headers), {@code POST
 * .../invocation/{id}/response}, {@code POST .../invocation/{id}/error} (type in
 * Lambda-Runtime-Function-Error-Type) and {@code POST .../init/error}. Answers as Lambda's runtime
 * does: {@code 202 {"status":"OK"}}, {@code 400 InvalidRequestID}, {@code 403
 * InvalidStateTransition}, {@code 413 RequestEntityTooLarge} for a response over 6 MB, and
 * {@code 404 page not found} elsewhere. The JDK's HTTP server, one virtual thread per exchange,
 * is enough for one runtime process on loopback.
 */
public final class RuntimeApiServer implements AutoCloseable {
    /** Lambda's limit for a synchronous response: 6 MiB and 100 bytes. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;
    private static final String PREFIX = "/2018-06-01";
    private static final Pattern ANSWER = Pattern.compile("^/2018-06-01/runtime/invocation/([^/]*)/(response|error)$");

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile RuntimeSession session = new RuntimeSession();

    private RuntimeApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static RuntimeApiServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        RuntimeApiServer api = new RuntimeApiServer(server, executor);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /** The value of AWS_LAMBDA_RUNTIME_API: host and port, no scheme. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** A fresh session for a new runtime process; the old one's waiting calls end. */
    RuntimeSession newSession() {
        RuntimeSession old = session;
        session = new RuntimeSession();
        old.close();
        return session;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            RuntimeSession current = session;
            Matcher answer = ANSWER.matcher(path);
            if (path.equals(PREFIX + "/runtime/invocation/next")) {
                if (!method.equals("GET")) {
                    empty(exchange, 405);
                    return;
                }
                drain(exchange.getRequestBody());
                next(exchange, current);
            } else if (answer.matches()) {
                if (!method.equals("POST")) {
                    empty(exchange, 405);
                    return;
                }
                answer(exchange, current, answer.group(1), answer.group(2).equals("error"));
            } else if (path.equals(PREFIX + "/runtime/init/error")) {
                if (!method.equals("POST")) {
                    empty(exchange, 405);
                    return;
                }
                byte[] body = read(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
                current.initFailed(new Invocation.Answer(body == null ? new byte[0] : body,
                        errorType(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")), false));
                accepted(exchange);
            } else if (path.equals(PREFIX + "/ping") && method.equals("GET")) {
                send(exchange, 200, "text/plain; charset=utf-8", "pong".getBytes(StandardCharsets.UTF_8));
            } else {
                drain(exchange.getRequestBody());
                send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeSession.Refusal refusal) {
            error(exchange, refusal.status, refusal.errorType, refusal.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void next(HttpExchange exchange, RuntimeSession current) throws IOException, RuntimeSession.Refusal, InterruptedException {
        Invocation invocation = current.next();
        if (invocation == null) {
            error(exchange, 500, "InternalServerError", "Internal Server Error"); // the runtime is being replaced
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId);
        send(exchange, 200, "application/json", invocation.event);
    }

    private void answer(HttpExchange exchange, RuntimeSession current, String requestId, boolean isError)
            throws IOException, RuntimeSession.Refusal {
        byte[] body = read(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
        if (body == null) {
            String message = "Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).";
            byte[] document = ("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES
                    + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8);
            current.answer(requestId, new Invocation.Answer(document, "Function.ResponseSizeTooLarge", true));
            error(exchange, 413, "RequestEntityTooLarge", message);
            return;
        }
        String type = isError ? errorType(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")) : null;
        current.answer(requestId, new Invocation.Answer(body, type, false));
        accepted(exchange);
    }

    /** The error type as Lambda keeps it: Runtime.X or Function.X as given, else Function.Unknown or Runtime.Unknown. */
    static String errorType(String header) {
        if (header != null && header.matches(".*(Runtime|Function)\\.[A-Z][a-zA-Z]+.*")) {
            return header;
        }
        return header != null && header.startsWith("Function.") ? "Function.Unknown" : "Runtime.Unknown";
    }

    /** The body, or null when it is longer than {@code limit} (the rest is read and dropped). */
    private static byte[] read(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            drain(in);
            return null;
        }
        return body;
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "application/json", "{\"status\":\"OK\"}\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        String body = "{\"errorMessage\":" + Json.quote(message) + ",\"errorType\":" + Json.quote(type) + "}\n";
        send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void empty(HttpExchange exchange, int status) throws IOException {
        drain(exchange.getRequestBody());
        exchange.sendResponseHeaders(status, -1);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        session.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
