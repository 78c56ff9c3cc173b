package wildrydes.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wildrydes.cli.Main} in a JVM of its own, started with the test JVM's java binary and
 * class path. Its stdout and stderr are drained by threads and kept for assertion messages.
 */
final class ServerProcess implements AutoCloseable {
    static final Pattern ENDPOINT_LINE = Pattern.compile(
            "^Wild Rydes Streaming .*: Kinesis endpoint (http://127\\.0\\.0\\.1:(\\d+)) \\(region us-east-1, account 000000000000\\)$");

    private final List<String> command;
    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> endpoint = new CompletableFuture<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Thread outReader;
    private final Thread errReader;

    private ServerProcess(List<String> command) {
        this.command = command;
        try {
            this.process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        outReader = drain(process.getInputStream(), "stdout", line -> {
            stdout.add(line);
            Matcher m = ENDPOINT_LINE.matcher(line);
            if (m.matches()) {
                endpoint.complete(m.group(1));
            }
            if (line.startsWith("Ready in ") && line.endsWith(" ms. Ctrl+C stops.")) {
                ready.complete(line);
            }
        }, () -> {
            endpoint.completeExceptionally(new IllegalStateException("stdout closed before the endpoint line"));
            ready.completeExceptionally(new IllegalStateException("stdout closed before the Ready line"));
        });
        errReader = drain(process.getErrorStream(), "stderr", stderr::add, () -> { });
    }

    /** The java binary running this test, so the child runs on the same JDK. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new AssertionError("Cannot tell which java binary runs the tests"));
    }

    static List<String> mainCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "wildrydes.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code wildrydes.cli.Main ARGS}; does not wait for anything. */
    static ServerProcess launch(String... args) {
        return new ServerProcess(mainCommand(args));
    }

    /** Starts {@code wildrydes.cli.Main server ARGS} and waits until it says it is ready. */
    static ServerProcess startServer(String... args) {
        List<String> all = new ArrayList<>();
        all.add("server");
        all.addAll(List.of(args));
        ServerProcess server = launch(all.toArray(String[]::new));
        try {
            server.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Thread drain(InputStream in, String name, Consumer<String> onLine, Runnable onEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            } finally {
                onEnd.run();
            }
        }, "server-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for the endpoint and "Ready in" lines; fails with the process output if they do not come. */
    String awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return endpoint.getNow(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for the server", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Server did not print its endpoint and Ready lines within " + timeout + ": "
                    + describe(), e);
        }
    }

    /** Waits for a line of stdout that matches; fails with the process output if none comes in time or it exits. */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdout) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No such line on stdout within " + timeout + ": " + describe());
    }

    String endpoint() {
        String value = endpoint.getNow(null);
        if (value == null) {
            throw new AssertionError("Server has not printed its endpoint yet: " + describe());
        }
        return value;
    }

    int port() {
        Matcher m = Pattern.compile(":(\\d+)$").matcher(endpoint());
        if (!m.find()) {
            throw new AssertionError("No port in " + endpoint());
        }
        return Integer.parseInt(m.group(1));
    }

    Process process() {
        return process;
    }

    /** Waits for the process to exit on its own; fails (and kills it) if it does not. Returns the exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String seen = describe();
                process.destroyForcibly();
                throw new AssertionError("Process did not exit within " + timeout + ": " + seen);
            }
            outReader.join(5_000);
            errReader.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** SIGKILL: the server gets no chance to flush or close anything. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("Process still alive 10 s after SIGKILL: " + describe());
            }
            outReader.join(5_000);
            errReader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    String describe() {
        String exit = process.isAlive() ? "running" : "exit code " + process.exitValue();
        return "\n  command: " + String.join(" ", command.subList(0, 1)) + " ... " + String.join(" ", command.subList(
                command.indexOf("wildrydes.cli.Main"), command.size()))
                + "\n  state: " + exit
                + "\n  stdout:\n    " + String.join("\n    ", stdout)
                + "\n  stderr:\n    " + String.join("\n    ", stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
