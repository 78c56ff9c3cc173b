package wildrydes.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks at a shard log's files the way the format specification describes them. */
final class SegmentFiles {

    private SegmentFiles() {
    }

    static Path shardDirectory(Path dataDirectory, String streamKey, int shard) {
        return dataDirectory.resolve("streams").resolve(streamKey).resolve(String.format("shard-%012d", shard));
    }

    /** Copies a shard's files as they are now, as a crash would leave them (the log may still be open). */
    static void copyShard(Path fromDirectory, Path toDirectory, String streamKey, int shard) throws IOException {
        Path from = shardDirectory(fromDirectory, streamKey, shard);
        Path to = shardDirectory(toDirectory, streamKey, shard);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /** File names with the given suffix, sorted. */
    static List<String> names(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> logNames(Path directory) {
        return names(directory, ".log");
    }

    static long firstSequenceOf(String segmentName) {
        return Long.parseLong(segmentName.substring(0, 20));
    }

    /** Offsets where frames start, found by following the frame length fields. */
    static List<Integer> frameStarts(byte[] segment) {
        List<Integer> starts = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(segment);
        int position = 0;
        while (position < segment.length) {
            starts.add(position);
            position += 4 + buffer.getInt(position);
        }
        return starts;
    }

    /** Index of the frame holding the byte at the offset. */
    static int frameContaining(List<Integer> starts, int offset) {
        int frame = 0;
        while (frame + 1 < starts.size() && starts.get(frame + 1) <= offset) {
            frame++;
        }
        return frame;
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
