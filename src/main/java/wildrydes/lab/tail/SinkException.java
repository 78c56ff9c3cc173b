package wildrydes.lab.tail;

/** A {@link RecordSink} failed with a checked exception; the cause is what it threw. */
public final class SinkException extends RuntimeException {
    public SinkException(String shardId, Exception cause) {
        super("the sink failed on " + shardId + ": " + cause.getMessage(), cause);
    }
}
