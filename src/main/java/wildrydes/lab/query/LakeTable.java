package wildrydes.lab.query;

import java.nio.file.Path;

/**
 * A folder of delivered objects in the lake, queried as a table of its name.
 *
 * @param plain     whether it holds uncompressed JSON objects
 * @param gzip      whether it holds gzip-compressed JSON objects ({@code .gz})
 * @param parquet   whether it holds Parquet objects ({@code .parquet})
 * @param firstHour the earliest hour folder, YYYY/MM/DD/HH (null when empty)
 * @param lastHour  the latest hour folder
 */
public record LakeTable(String name, Path folder, long objects, long bytes, boolean plain, boolean gzip, boolean parquet,
                        String firstHour, String lastHour) {
    public boolean json() {
        return plain || gzip;
    }
}
