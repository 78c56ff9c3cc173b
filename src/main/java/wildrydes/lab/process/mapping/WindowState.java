package wildrydes.lab.process.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A shard's open tumbling window: its bounds and the state the function last returned. */
record WindowState(Instant start, Instant end, JsonNode state) {

    /** The window of {@code seconds} that holds {@code arrival}: windows are aligned on the epoch. */
    static WindowState holding(Instant arrival, int seconds, JsonNode state) {
        long start = Math.floorDiv(arrival.getEpochSecond(), seconds) * seconds;
        return new WindowState(Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + seconds), state);
    }

    boolean holds(Instant arrival) {
        return !arrival.isBefore(start) && arrival.isBefore(end);
    }

    WindowState withState(JsonNode next) {
        return new WindowState(start, end, next);
    }
}
