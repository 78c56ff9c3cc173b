package wildrydes.lab.process.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Runtime API's answers to calls that do not fit, with Lambda's status codes and error documents. */
class RuntimeApiServerTest {
    private RuntimeApiServer server;
    private RuntimeSession session;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = RuntimeApiServer.start();
        session = server.newSession();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + server.address() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAnswerForAnUnknownRequestIdIsInvalidRequestId() throws Exception {
        HttpResponse<String> response = call("POST", "/2018-06-01/runtime/invocation/no-such-id/response", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}\n");
        assertThat(call("POST", "/2018-06-01/runtime/invocation/no-such-id/error", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void anInitErrorIsAcceptedOnceAndOnlyBeforeTheFirstNext() throws Exception {
        HttpResponse<String> first = call("POST", "/2018-06-01/runtime/init/error", "{\"errorMessage\":\"x\",\"errorType\":\"Runtime.BadConfig\"}",
                "Lambda-Runtime-Function-Error-Type", "Runtime.BadConfig");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).isEqualTo("{\"status\":\"OK\"}\n");
        assertThat(session.initError().getNow(null).errorType()).isEqualTo("Runtime.BadConfig");
        HttpResponse<String> second = call("POST", "/2018-06-01/runtime/init/error", "{}");
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.body()).isEqualTo("{\"errorMessage\":\"State transition from InitError to InitError failed for runtime. "
                + "Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n");
    }

    @Test
    void aResponseIsAcceptedOnceAndASecondOneIsAnInvalidStateTransition() throws Exception {
        Invocation invocation = new Invocation("req-1", "{\"Records\":[]}".getBytes(), "arn:aws:lambda:us-east-1:000000000000:function:f",
                "Root=1-0-0", 60_000);
        CompletableFuture<HttpResponse<String>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return call("GET", "/2018-06-01/runtime/invocation/next", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(session.offer(invocation, 10_000)).isTrue();
        HttpResponse<String> event = next.get();
        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(event.body()).isEqualTo("{\"Records\":[]}");
        assertThat(event.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).contains("req-1");
        assertThat(event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).contains("arn:aws:lambda:us-east-1:000000000000:function:f");
        assertThat(Long.parseLong(event.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()))
                .isGreaterThan(System.currentTimeMillis() + 50_000);
        assertThat(event.headers().firstValue("Lambda-Runtime-Trace-Id")).contains("Root=1-0-0");
        assertThat(call("POST", "/2018-06-01/runtime/init/error", "{}").statusCode()).as("init/error after the first next").isEqualTo(403);
        HttpResponse<String> ok = call("POST", "/2018-06-01/runtime/invocation/req-1/response", "\"done\"");
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(invocation.answer.get().body()).isEqualTo("\"done\"".getBytes());
        HttpResponse<String> again = call("POST", "/2018-06-01/runtime/invocation/req-1/error", "{}");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).isEqualTo("{\"errorMessage\":\"State transition from RuntimeResponseSentState to "
                + "InvocationErrorResponse failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n");
    }

    @Test
    void aResponseOverSixMegabytesIsRefusedAndFailsTheInvocation() throws Exception {
        Invocation invocation = new Invocation("req-2", "{}".getBytes(), "arn", "Root=1-0-0", 60_000);
        CompletableFuture.runAsync(() -> {
            try {
                call("GET", "/2018-06-01/runtime/invocation/next", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(session.offer(invocation, 10_000)).isTrue();
        HttpResponse<String> response = call("POST", "/2018-06-01/runtime/invocation/req-2/response", "x".repeat(6 * 1024 * 1024 + 101));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
                + "\"errorType\":\"RequestEntityTooLarge\"}\n");
        assertThat(invocation.answer.get().errorType()).isEqualTo("Function.ResponseSizeTooLarge");
    }

    @Test
    void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        HttpResponse<String> missing = call("GET", "/2018-06-01/runtime/nothing", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("404 page not found\n");
        assertThat(call("POST", "/2018-06-01/runtime/invocation/next", "{}").statusCode()).isEqualTo(405);
        assertThat(call("GET", "/2018-06-01/runtime/init/error", null).statusCode()).isEqualTo(405);
    }

    @Test
    void errorTypesAreKeptAsLambdaKeepsThem() {
        assertThat(RuntimeApiServer.errorType("Runtime.ExitError")).isEqualTo("Runtime.ExitError");
        assertThat(RuntimeApiServer.errorType("Function.Poisoned")).isEqualTo("Function.Poisoned");
        assertThat(RuntimeApiServer.errorType("Function.")).isEqualTo("Function.Unknown");
        assertThat(RuntimeApiServer.errorType("Error")).isEqualTo("Runtime.Unknown");
        assertThat(RuntimeApiServer.errorType(null)).isEqualTo("Runtime.Unknown");
    }
}
