package wildrydes.lab.archive;

import java.nio.file.Path;

/**
 * An object written to the staging folder and forced to disk, waiting to be renamed to its key.
 *
 * @param records            records it holds
 * @param bytes              their data bytes as read from the stream
 * @param objectBytes        its size on disk
 * @param conversionFailures whether it holds records that could not be converted (format-conversion-failed/)
 */
record StagedObject(Path staged, String key, long records, long bytes, long objectBytes, boolean conversionFailures) {

    Delivered delivered() {
        return new Delivered(records, bytes, 1, objectBytes, conversionFailures ? records : 0);
    }
}
