package wildrydes.lab.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reading a lake back in tests: its objects and their bytes. */
final class LakeFiles {
    private LakeFiles() {
    }

    /** Every delivered object's key under {@code lake/name}, sorted (conversion failures included). */
    static List<String> objects(Path lake, String name) {
        Path folder = lake.resolve(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> ObjectNames.isObject(f.getFileName().toString()))
                    .map(f -> lake.relativize(f).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object's bytes, gunzipped when its name ends in .gz. */
    static byte[] read(Path lake, String key) {
        try (InputStream in = key.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(lake.resolve(key)))
                : Files.newInputStream(lake.resolve(key))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
