package wildrydes.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's front end: plain files under {@code /console/} on the class path (so inside the
 * jar, nothing fetched at run time), read once and kept. Only flat names with known extensions
 * are looked up, so no request reaches other class path resources.
 */
final class ConsoleAssets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    /** Holds only files that exist, so its size is bounded by the files shipped. */
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    /** The file's bytes, or null if there is no such asset. */
    byte[] read(String name) {
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        byte[] cached = loaded.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            loaded.putIfAbsent(name, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read console asset " + name, e);
        }
    }

    static String contentType(String name) {
        return TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    }
}
