package wildrydes.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the repository's scripts ({@code ./producer}, {@code ./consumer}, {@code ./wildrydes})
 * run as a real process, as a user runs it, with its output captured in files.
 */
final class ScriptRun implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ScriptRun(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ScriptRun start(Map<String, String> env, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve(script).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("script-out", ".txt");
        Path err = Files.createTempFile("script-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.environment().remove("AWS_ENDPOINT_URL_KINESIS");
        builder.environment().putAll(env);
        return new ScriptRun(builder.start(), out, err);
    }

    /** Runs to the end (at most the timeout) and returns the exit code. */
    static ScriptRun run(Map<String, String> env, long timeoutSeconds, String script, String... args) throws Exception {
        ScriptRun run = start(env, script, args);
        run.awaitExit(timeoutSeconds);
        return run;
    }

    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("script did not finish within " + timeoutSeconds + " s; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Sends SIGINT, as Ctrl+C does. */
    void interrupt() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
    }

    /** Sends SIGKILL, as kill -9 does (the scripts exec the JVM, so it is the JVM that dies), and waits for the end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
    }
}
