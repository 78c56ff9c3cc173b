package wildrydes.lab.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a running {@code process} tells the server, by the lab tools' status-file convention (the
 * one {@code archive} uses): a JSON file rewritten every second, written aside and renamed so a
 * reader never sees half of it, not forced (it is only news), with the writer's pid, whether it
 * runs and when it last wrote. {@code process} keeps it as {@code status.json} in its state
 * directory, by default {@code ~/.wildrydes/process/<function>/}, beside the server's data
 * directory {@code ~/.wildrydes/data}; the server's {@code /metrics} and console read every
 * {@code <data-dir>/../process/<name>/status.json}.
 *
 * <p>Fields: {@code function, stream, table, runtime, pid, running, startedMillis, updatedMillis,
 * totals {invocations, errors, records, discardedRecords}, iteratorAgeMillis} (the largest lag of
 * a shard now) and {@code minutes}: per minute with invocations (oldest first, the last hour)
 * {@code minute} (its start, epoch ms), {@code invocations, errors, records, durationSumMillis,
 * durationMaxMillis, iteratorAgeMaxMillis}.
 */
public record FunctionStatus(JsonNode json) {
    public static final String FILE = "status.json";
    /** A running tool rewrites its status every second; one not rewritten for this long has stopped answering. */
    public static final long STALE_MILLIS = 15_000;

    static FunctionStatus of(String function, String stream, String table, String runtime, boolean running, long startedMillis,
                             long nowMillis, FunctionMetrics metrics, long iteratorAgeMillis) {
        ObjectNode root = Json.object().put("function", function).put("stream", stream).put("table", table).put("runtime", runtime)
                .put("pid", ProcessHandle.current().pid()).put("running", running).put("startedMillis", startedMillis)
                .put("updatedMillis", nowMillis);
        root.putObject("totals").put("invocations", metrics.invocations()).put("errors", metrics.errors())
                .put("records", metrics.records()).put("discardedRecords", metrics.discardedRecords());
        root.put("iteratorAgeMillis", iteratorAgeMillis);
        metrics.writeMinutes(root.putArray("minutes"));
        return new FunctionStatus(root);
    }

    public String function() {
        return json.path("function").asText();
    }

    /** Whether the process that wrote it still runs and still writes it. */
    public boolean alive(long nowMillis) {
        return json.path("running").asBoolean() && nowMillis - json.path("updatedMillis").asLong() < STALE_MILLIS
                && ProcessHandle.of(json.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    void write(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(FILE);
        Path temporary = stateDir.resolve(FILE + ".tmp");
        Files.write(temporary, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Where the server looks for the status files of {@code process} runs: beside its data directory. */
    public static Path root(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath();
        return absolute.getParent() == null ? absolute.resolve("process") : absolute.getParent().resolve("process");
    }

    /** Every function's status under {@code root} (one directory per function), by name; unreadable files are skipped. */
    public static List<FunctionStatus> readAll(Path root) {
        List<FunctionStatus> all = new ArrayList<>();
        if (root == null || !Files.isDirectory(root)) {
            return all;
        }
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path directory : directories) {
                try {
                    JsonNode node = Json.MAPPER.readTree(directory.resolve(FILE).toFile());
                    if (node != null && node.isObject() && node.path("function").isTextual()) {
                        all.add(new FunctionStatus(node));
                    }
                } catch (NoSuchFileException gone) {
                    // no status yet, or removed meanwhile
                } catch (IOException | RuntimeException unreadable) {
                    // being replaced, or not ours: skip it
                }
            }
        } catch (IOException e) {
            return all;
        }
        all.sort((a, b) -> a.function().compareTo(b.function()));
        return all;
    }
}
