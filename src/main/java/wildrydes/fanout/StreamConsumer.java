package wildrydes.fanout;

import wildrydes.stream.ServiceSettings;
import wildrydes.stream.Stream;

/**
 * A consumer registered for enhanced fan-out on one incarnation of a stream (a stream deleted
 * and created again under the same name does not inherit it). Identity is immutable; the
 * status changes under the lock of {@link StreamConsumers}.
 */
public final class StreamConsumer {
    private final String streamName;
    private final long streamCreatedMillis;
    private final String name;
    private final long createdMillis;
    private volatile ConsumerStatus status;

    StreamConsumer(String streamName, long streamCreatedMillis, String name, long createdMillis, ConsumerStatus status) {
        this.streamName = streamName;
        this.streamCreatedMillis = streamCreatedMillis;
        this.name = name;
        this.createdMillis = createdMillis;
        this.status = status;
    }

    public String streamName() {
        return streamName;
    }

    long streamCreatedMillis() {
        return streamCreatedMillis;
    }

    public String name() {
        return name;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public ConsumerStatus status() {
        return status;
    }

    void status(ConsumerStatus status) {
        this.status = status;
    }

    boolean belongsTo(Stream stream) {
        return streamName.equals(stream.name()) && streamCreatedMillis == stream.createdMillis();
    }

    /** {@code arn:aws:kinesis:{region}:{account}:stream/{stream}/consumer/{name}:{creation epoch seconds}}. */
    public String arn(ServiceSettings settings) {
        return settings.streamArn(streamName) + "/consumer/" + name + ":" + createdMillis / 1000;
    }
}
