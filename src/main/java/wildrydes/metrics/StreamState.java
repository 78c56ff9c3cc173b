package wildrydes.metrics;

import wildrydes.stream.Stream;
import wildrydes.stream.StreamStatus;

/** What the metrics show of a stream's state, read from the stream registry. */
public record StreamState(String name, StreamStatus status, int openShards, int retentionHours) {

    public static StreamState of(Stream stream) {
        return new StreamState(stream.name(), stream.status(), stream.openShardCount(), stream.retentionHours());
    }
}
