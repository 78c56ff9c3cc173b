package wildrydes.lab.process.mapping;

import java.util.List;
import wildrydes.lab.process.InvocationResult;
import wildrydes.lab.tail.TailRecord;

/** What the mapping reports as it works, for progress lines and metrics. Every method has a default. */
public interface MappingListener {

    /**
     * An invocation ended.
     *
     * @param iteratorAgeMillis how old the batch's last record was when the invocation ended (Lambda's IteratorAge)
     * @param outcome           null on success, else why the batch (or part of it) failed
     */
    default void invoked(String shardId, List<TailRecord> batch, InvocationResult result, long iteratorAgeMillis, String outcome) {
    }

    /** A batch was split in two after a failure (BisectBatchOnFunctionError). */
    default void bisected(String shardId, int size) {
    }

    /** Records were discarded and their metadata sent to the on-failure destination (if any). */
    default void discarded(String shardId, List<TailRecord> records, String condition) {
    }

    default void notice(String message) {
    }
}
