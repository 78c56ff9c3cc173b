package wildrydes.lab.archive;

import java.nio.file.Path;

/**
 * The folders of a lake. Objects live under {@code <lake>/<delivery stream>/YYYY/MM/dd/HH/};
 * what the archive keeps for itself lives under {@code <lake>/.archive/} (a dot folder, which
 * no table reads): {@code <name>.state} (checkpoint, totals, intent), {@code <name>.lock},
 * {@code <name>.status.json} (progress for the console and /metrics) and {@code staging/<name>/},
 * where objects are written before they are renamed into place (same file system, so the rename
 * is atomic).
 */
public final class LakeLayout {
    public static final String STATE_FOLDER = ".archive";

    private LakeLayout() {
    }

    /** {@code ~/.wildrydes/lake}: beside the server's default data directory, {@code ~/.wildrydes/data}. */
    public static Path defaultLake() {
        return Path.of(System.getProperty("user.home"), ".wildrydes", "lake");
    }

    public static Path stateDirectory(Path lake) {
        return lake.resolve(STATE_FOLDER);
    }

    public static Path stateFile(Path lake, String name) {
        return stateDirectory(lake).resolve(name + ".state");
    }

    public static Path statusFile(Path lake, String name) {
        return stateDirectory(lake).resolve(name + ".status.json");
    }

    static Path stagingDirectory(Path lake, String name) {
        return stateDirectory(lake).resolve("staging").resolve(name);
    }
}
