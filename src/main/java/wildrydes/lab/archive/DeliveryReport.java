package wildrydes.lab.archive;

import java.util.List;

/**
 * One delivery, once its objects are in the lake and the checkpoint has moved past its records.
 *
 * @param keys the objects' keys, relative to the lake
 */
public record DeliveryReport(List<String> keys, long records, long bytes, long objectBytes, long conversionFailures) {
}
