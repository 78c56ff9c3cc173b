package wildrydes.stream;

import java.util.function.UnaryOperator;

/**
 * Changes to a stream's {@link StreamSettings}: encryption, enhanced monitoring, maximum record
 * size, warm throughput and the resource policy.
 */
public final class StreamSettingsUpdates {
    private final StreamRegistry streams;

    public StreamSettingsUpdates(StreamRegistry streams) {
        this.streams = streams;
    }

    /**
     * Changes an ACTIVE stream's settings: at once, or, with {@code viaUpdating}, as AWS does for
     * encryption, record size and warm throughput, after an UPDATING period.
     */
    public void update(String name, UnaryOperator<StreamSettings> change, boolean viaUpdating) {
        synchronized (streams) {
            Stream stream = streams.activeStream(name);
            if (viaUpdating) {
                streams.beginUpdate(stream, () -> stream.settings(change.apply(stream.settings())));
            } else {
                stream.settings(change.apply(stream.settings()));
                streams.persist(stream);
            }
        }
    }

    /** The stream's resource policy document, or null. */
    public String resourcePolicy(String name) {
        return streams.stream(name).settings().resourcePolicy();
    }

    /** Sets (or, with null, deletes) the stream's resource policy, in any state. */
    public void putResourcePolicy(String name, String policy) {
        synchronized (streams) {
            Stream stream = streams.stream(name);
            stream.settings(stream.settings().withResourcePolicy(policy));
            streams.persist(stream);
        }
    }
}
