package wildrydes.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code storage-format} file, which names the data directory's layout in one ASCII line:
 * <ul>
 *   <li>{@code wildrydes-storage 2}: shard logs behind a shared journal ({@code journal/}). An
 *       older binary refuses it rather than open the logs without replaying the journal.</li>
 *   <li>{@code wildrydes-storage 1}: the same shard logs, segment and index files, without a
 *       journal (each log was fsynced itself). Read as it is; the file is rewritten as version 2
 *       once the journal directory exists, with a message saying so.</li>
 * </ul>
 * An empty file is taken as version 1: older versions did not fsync it when the store ran without
 * fsync, so a power cut soon after the directory was made could leave it empty.
 */
final class StorageFormat {

    private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);
    static final String FILE = "storage-format";
    static final int CURRENT = 2;
    private static final String PREFIX = "wildrydes-storage ";

    private StorageFormat() {
    }

    /** The directory's format version: 0 if it has no format file yet (a new directory). */
    static int check(StorageFiles files, Path dataDirectory) throws IOException {
        byte[] content = AtomicFiles.readIfExists(files, dataDirectory.resolve(FILE));
        if (content == null) {
            return 0;
        }
        String text = new String(content, StandardCharsets.US_ASCII);
        if (text.isEmpty()) {
            LOG.warn("The storage-format file in {} is empty (an older version did not make it durable without fsync, and "
                    + "a power cut came soon after the directory was made); reading the directory as format 1", dataDirectory);
            return 1;
        }
        for (int version = 1; version <= CURRENT; version++) {
            if (text.equals(line(version))) {
                return version;
            }
        }
        throw new StorageException("storage in " + dataDirectory + " has an unknown format: " + text.strip()
                + " (this version reads " + line(1).strip() + " and " + line(CURRENT).strip()
                + "; use the version that wrote it, or another --data-dir)");
    }

    /** Writes the current version (durably) unless the directory has it; says so when it upgrades one. */
    static void writeCurrent(StorageFiles files, FileSyncer syncer, Path dataDirectory, int found) throws IOException {
        if (found == CURRENT) {
            return;
        }
        AtomicFiles.write(files, dataDirectory.resolve(FILE), line(CURRENT).getBytes(StandardCharsets.US_ASCII), syncer);
        if (found > 0) {
            LOG.info("Upgraded storage in {} from format {} to {}: appends now go through the shared journal in {}; the "
                    + "shard logs are read as they are. Versions before the journal cannot open it any more.",
                    dataDirectory, found, CURRENT, dataDirectory.resolve(StorageNames.JOURNAL));
        }
    }

    private static String line(int version) {
        return PREFIX + version + "\n";
    }
}
