package wildrydes.lab.process.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wildrydes.lab.process.FunctionEvent;
import wildrydes.lab.process.InvocationResult;
import wildrydes.lab.process.Json;
import wildrydes.lab.tail.TailRecord;

/**
 * A custom runtime (a shell script with curl) behind the tool's Runtime API: the invocation's
 * headers and environment, and each way an invocation can fail as Lambda reports it: the
 * function's error, an init error, the process exiting (Runtime.ExitError, then a new process),
 * and a timeout (Sandbox.Timedout, the process killed, then a new one).
 */
class RuntimeApiFunctionTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private RuntimeApiFunction function(String mode, Duration timeout) throws Exception {
        Path code = dir.resolve("code");
        Path bootstrap = CurlBootstrap.write(code);
        FunctionConfig config = new FunctionConfig("TestFunction", FunctionRuntime.PROVIDED, "my.handler", List.of(), null, bootstrap,
                Map.of("MODE", mode, "TABLE_NAME", "UnicornSensorData"), timeout, 256, "us-east-1",
                "arn:aws:lambda:us-east-1:000000000000:function:TestFunction", "http://127.0.0.1:9", List.of("AKID", "SECRET"),
                dir.resolve("work"));
        return new RuntimeApiFunction(config, new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    static FunctionEvent event(int records) {
        List<TailRecord> list = new java.util.ArrayList<>();
        for (int i = 0; i < records; i++) {
            list.add(new TailRecord("shardId-000000000000", "4959000000000000000000000000000000000000000000000000000" + i, 0, false, true,
                    "Shadowfax", null, Instant.parse("2026-12-03T10:15:30.123Z"), ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        return new FunctionEvent(new FunctionEvent.Source("arn:aws:kinesis:us-east-1:000000000000:stream/s", "us-east-1",
                "arn:aws:iam::000000000000:role/r"), "shardId-000000000000", list, null);
    }

    @Test
    void theRuntimeGetsTheEventWithLambdasHeadersAndEnvironment() throws Exception {
        try (RuntimeApiFunction function = function("echo", Duration.ofSeconds(30))) {
            long before = System.currentTimeMillis();
            InvocationResult result = function.invoke(event(3));
            assertThat(result.failed()).as(result.payloadText() + logs).isFalse();
            JsonNode echo = Json.MAPPER.readTree(result.payload());
            assertThat(echo.path("id").asText()).isEqualTo(result.requestId()).matches("[0-9a-f-]{36}");
            assertThat(echo.path("deadline").asLong()).isBetween(before + 29_000, System.currentTimeMillis() + 30_000);
            assertThat(echo.path("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:TestFunction");
            assertThat(echo.path("trace").asText()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
            assertThat(echo.path("name").asText()).isEqualTo("TestFunction");
            assertThat(echo.path("version").asText()).isEqualTo("$LATEST");
            assertThat(echo.path("memory").asText()).isEqualTo("256");
            assertThat(echo.path("handler").asText()).isEqualTo("my.handler");
            assertThat(echo.path("root").asText()).isEqualTo(dir.resolve("code").toAbsolutePath().toString());
            assertThat(echo.path("pwd").asText()).as("the task root is the working directory").isEqualTo(echo.path("root").asText());
            assertThat(echo.path("region").asText()).isEqualTo("us-east-1");
            assertThat(echo.path("table").asText()).isEqualTo("UnicornSensorData");
            assertThat(echo.path("endpoint").asText()).isEqualTo("http://127.0.0.1:9");
            assertThat(echo.path("key").asText()).isEqualTo("AKID");
            assertThat(echo.path("tz").asText()).isEqualTo(":UTC");
            assertThat(echo.path("records").asInt()).isEqualTo(3);
            InvocationResult again = function.invoke(event(1));
            assertThat(again.failed()).isFalse();
            assertThat(function.processStarts()).as("the process stays warm").isEqualTo(1);
        }
    }

    @Test
    void theFunctionsErrorFailsTheInvocationWithItsErrorDocument() throws Exception {
        try (RuntimeApiFunction function = function("error", Duration.ofSeconds(30))) {
            InvocationResult result = function.invoke(event(1));
            assertThat(result.failed()).isTrue();
            assertThat(result.errorType()).isEqualTo("PoisonError");
            assertThat(result.payloadText()).isEqualTo("{\"errorMessage\":\"it went wrong\",\"errorType\":\"PoisonError\",\"stackTrace\":[]}");
            assertThat(function.invoke(event(1)).failed()).isTrue();
            assertThat(function.processStarts()).as("an error does not restart the runtime").isEqualTo(1);
        }
    }

    @Test
    void aProcessThatExitsFailsTheInvocationAsRuntimeExitErrorAndANewOneTakesTheNext() throws Exception {
        try (RuntimeApiFunction function = function("crash-once", Duration.ofSeconds(30))) {
            InvocationResult crashed = function.invoke(event(1));
            assertThat(crashed.errorType()).isEqualTo("Runtime.ExitError");
            assertThat(crashed.payloadText()).isEqualTo("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: "
                    + crashed.requestId() + " Error: Runtime exited with error: exit status 3\"}");
            InvocationResult next = function.invoke(event(1));
            assertThat(next.failed()).as(next.payloadText()).isFalse();
            assertThat(next.payloadText()).isEqualTo("\"survived\"");
            assertThat(function.processStarts()).isEqualTo(2);
        }
    }

    @Test
    void aTimeoutKillsTheProcessAndFailsTheInvocationAsLambdaWordsIt() throws Exception {
        try (RuntimeApiFunction function = function("sleep", Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            InvocationResult result = function.invoke(event(1));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(result.payloadText()).isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: "
                    + result.requestId() + " Error: Task timed out after 1.00 seconds\"}");
            assertThat(function.invoke(event(1)).errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(function.processStarts()).as("each timeout kills the process; the next invocation starts another").isEqualTo(2);
        }
    }

    @Test
    void anInitErrorFailsTheInvocationWithTheReportedType() throws Exception {
        try (RuntimeApiFunction function = function("init-error", Duration.ofSeconds(30))) {
            InvocationResult result = function.invoke(event(1));
            assertThat(result.errorType()).isEqualTo("Runtime.ConfigError");
            assertThat(result.payloadText()).contains("no configuration");
        }
    }
}
