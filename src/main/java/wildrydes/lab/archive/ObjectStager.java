package wildrydes.lab.archive;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import wildrydes.lab.tail.TailRecord;

/** Writes a buffer's records as the objects of one delivery, staged and forced to disk, not yet in the lake. */
interface ObjectStager extends AutoCloseable {
    /**
     * @param records       the records, in the order they were buffered (each shard's in stream order)
     * @param oldestArrival the approximate arrival time of the oldest of them, which names the objects
     */
    List<StagedObject> stage(List<TailRecord> records, Instant oldestArrival) throws IOException;

    @Override
    default void close() {
    }
}
