package wildrydes.lab.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a delivered object goes, named as Amazon Data Firehose names the objects it writes to
 * Amazon S3 with its default prefix: {@code YYYY/MM/dd/HH/} then
 * {@code <delivery stream>-<version>-YYYY-MM-dd-HH-mm-ss-<uuid><extension>}, in UTC, from the
 * approximate arrival time of the oldest record in the object. Our bucket is the lake folder
 * and every delivery stream writes under a folder of its own name, so a key is
 * {@code <name>/2026/12/03/10/<name>-1-2026-12-03-10-15-00-<uuid>} (plus {@code .gz} for gzip
 * and {@code .parquet} for Parquet). Records that could not be converted to Parquet go, as
 * Firehose's error output does, under {@code <name>/format-conversion-failed/YYYY/MM/dd/HH/}.
 * The version is 1: a delivery stream here has no configuration history.
 */
public final class ObjectNames {
    public static final int VERSION = 1;
    public static final String CONVERSION_FAILED = "format-conversion-failed";
    /** Delivery stream names: letters, digits, '_', '.', '-' as Firehose's, but not starting with '.' (a hidden folder). */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,63}");
    /** A delivered object's file name; group 1 is the delivery stream's name, group 2 the extension. */
    public static final Pattern OBJECT = Pattern.compile("([a-zA-Z0-9_-][a-zA-Z0-9_.-]*)-\\d+-\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-"
            + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.gz|\\.parquet)?");
    /** The hour folders of a key, YYYY/MM/dd/HH. */
    public static final Pattern HOUR_FOLDERS = Pattern.compile("\\d{4}/\\d\\d/\\d\\d/\\d\\d");

    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

    private ObjectNames() {
    }

    /** The key, relative to the lake, of an object whose oldest record arrived at {@code oldestArrival}. */
    public static String key(String name, Instant oldestArrival, UUID uuid, String extension) {
        return name + "/" + FOLDERS.format(oldestArrival) + "/" + fileName(name, oldestArrival, uuid, extension);
    }

    /** The key of an object of records that could not be converted. */
    public static String conversionFailedKey(String name, Instant oldestArrival, UUID uuid) {
        return name + "/" + CONVERSION_FAILED + "/" + FOLDERS.format(oldestArrival) + "/" + fileName(name, oldestArrival, uuid, "");
    }

    static String fileName(String name, Instant oldestArrival, UUID uuid, String extension) {
        return name + "-" + VERSION + "-" + STAMP.format(oldestArrival) + "-" + uuid + extension;
    }

    /** Whether a file name is one of a delivered object. */
    public static boolean isObject(String fileName) {
        return OBJECT.matcher(fileName).matches();
    }
}
