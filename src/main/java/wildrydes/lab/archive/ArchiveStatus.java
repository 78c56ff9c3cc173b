package wildrydes.lab.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * What a running archive tells others, in {@code <lake>/.archive/<name>.status.json}, rewritten
 * every second (written aside and renamed, so a reader never sees half of it; not forced, as it
 * is only news). The archive is a separate process that reaches the server only through the
 * Kinesis API, so the server's console and {@code /metrics} read this file from the lake beside
 * the server's data directory.
 *
 * @param oldestUndeliveredArrivalMillis approximate arrival of the oldest record not yet in an object
 *                                       (buffered, or still in the stream by the read lag); null when none waits
 */
public record ArchiveStatus(String name, String stream, long pid, boolean running, long startedMillis, long updatedMillis,
                            String format, String compression, long bufferIntervalSeconds, long bufferSizeBytes,
                            Delivered delivered, int bufferedRecords, long bufferedBytes, Long oldestUndeliveredArrivalMillis,
                            long millisBehindLatest, String lastObject) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A running archive rewrites its status every second; one not rewritten for this long has stopped answering. */
    public static final long STALE_MILLIS = 15_000;

    /** Age of the oldest record not yet delivered, at {@code nowMillis}; 0 when none waits. */
    public long oldestUndeliveredAgeMillis(long nowMillis) {
        return oldestUndeliveredArrivalMillis == null ? 0 : Math.max(0, nowMillis - oldestUndeliveredArrivalMillis);
    }

    /** Whether the process that wrote it still runs and still writes it. */
    public boolean alive(long nowMillis) {
        return running && nowMillis - updatedMillis < STALE_MILLIS
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    void write(Path lake) throws IOException {
        Path file = LakeLayout.statusFile(lake, name);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode()
                .put("deliveryStream", name).put("stream", stream).put("pid", pid).put("running", running)
                .put("startedMillis", startedMillis).put("updatedMillis", updatedMillis)
                .put("format", format).put("compression", compression)
                .put("bufferIntervalSeconds", bufferIntervalSeconds).put("bufferSizeBytes", bufferSizeBytes);
        root.putObject("delivered").put("records", delivered.records()).put("bytes", delivered.bytes())
                .put("objects", delivered.objects()).put("objectBytes", delivered.objectBytes())
                .put("conversionFailures", delivered.conversionFailures());
        root.putObject("buffered").put("records", bufferedRecords).put("bytes", bufferedBytes);
        if (oldestUndeliveredArrivalMillis == null) {
            root.putNull("oldestUndeliveredArrivalMillis");
        } else {
            root.put("oldestUndeliveredArrivalMillis", oldestUndeliveredArrivalMillis);
        }
        return root.put("millisBehindLatest", millisBehindLatest).put("lastObject", lastObject);
    }

    static ArchiveStatus fromJson(JsonNode node) {
        JsonNode d = node.path("delivered");
        JsonNode oldest = node.path("oldestUndeliveredArrivalMillis");
        return new ArchiveStatus(node.path("deliveryStream").asText(), node.path("stream").asText(), node.path("pid").asLong(),
                node.path("running").asBoolean(), node.path("startedMillis").asLong(), node.path("updatedMillis").asLong(),
                node.path("format").asText(), node.path("compression").asText(), node.path("bufferIntervalSeconds").asLong(),
                node.path("bufferSizeBytes").asLong(),
                new Delivered(d.path("records").asLong(), d.path("bytes").asLong(), d.path("objects").asLong(),
                        d.path("objectBytes").asLong(), d.path("conversionFailures").asLong()),
                node.path("buffered").path("records").asInt(), node.path("buffered").path("bytes").asLong(),
                oldest.isNumber() ? oldest.asLong() : null, node.path("millisBehindLatest").asLong(),
                node.path("lastObject").isTextual() ? node.path("lastObject").asText() : null);
    }

    /** The status of every archive that ever wrote to this lake, by name; unreadable files are skipped. */
    public static List<ArchiveStatus> readAll(Path lake) {
        List<ArchiveStatus> all = new ArrayList<>();
        Path directory = LakeLayout.stateDirectory(lake);
        if (!Files.isDirectory(directory)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.status.json")) {
            for (Path file : files) {
                try {
                    all.add(fromJson(JSON.readTree(file.toFile())));
                } catch (NoSuchFileException gone) {
                    // replaced or removed meanwhile
                } catch (IOException | RuntimeException unreadable) {
                    // a file being replaced, or not ours: skip it
                }
            }
        } catch (IOException e) {
            return all;
        }
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }
}
