package wildrydes.kcl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * dynalite (npm), an in-memory DynamoDB-compatible server, as a child process on 127.0.0.1 and a free port: the
 * Kinesis Client Library keeps its lease table there. It is installed by {@code npm ci --prefix src/test/node}
 * ({@code ./run-tests} does it when needed); when it is missing the tests fail saying so, they are never skipped.
 */
final class Dynalite implements AutoCloseable {
    static final String INSTALL_HINT = "install it with `npm ci --prefix src/test/node` from the project root "
            + "(needs Node.js 20+ and npm; ./run-tests does this by itself)";

    private final Process process;
    private final Path log;
    final int port;

    private Dynalite(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** What dynalite wrote on standard error (nothing when all is well). */
    String errors() {
        try {
            return Files.exists(log) ? Files.readString(log).strip() : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    static Path nodeDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "node").toAbsolutePath();
    }

    /** Starts dynalite, or throws an {@link AssertionError} that says how to install what is missing. */
    static Dynalite start(Path logDir) throws IOException, InterruptedException {
        Path dir = nodeDir();
        Path script = dir.resolve("dynalite-server.js");
        if (!Files.isRegularFile(dir.resolve("node_modules/dynalite/package.json"))) {
            throw new AssertionError("dynalite is not installed (no " + dir.resolve("node_modules/dynalite")
                    + "): the Kinesis Client Library tests keep their lease table in it; " + INSTALL_HINT);
        }
        if (!Files.isRegularFile(script)) {
            throw new AssertionError("missing " + script);
        }
        Path log = logDir.resolve("dynalite.log");
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString()))
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run `node` (" + e.getMessage() + "): the Kinesis Client Library tests run "
                    + "dynalite with Node.js; " + INSTALL_HINT, e);
        }
        // The script prints its port, then nothing more on standard output; it exits when its standard input closes.
        CompletableFuture<Integer> portLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (!portLine.isDone() && line.startsWith("DYNALITE_PORT ")) {
                        portLine.complete(Integer.parseInt(line.substring("DYNALITE_PORT ".length()).trim()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended
            } finally {
                portLine.complete(null);
            }
        }, "dynalite-stdout");
        reader.setDaemon(true);
        reader.start();
        Integer port;
        try {
            port = portLine.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            port = null;
        }
        if (port == null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            String err = Files.exists(log) ? Files.readString(log) : "";
            throw new AssertionError("dynalite did not start within 60 s (exit " + (process.isAlive() ? "none" : process.exitValue())
                    + "): " + err.strip() + "\nIf it is not installed, " + INSTALL_HINT);
        }
        return new Dynalite(process, log, port);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
