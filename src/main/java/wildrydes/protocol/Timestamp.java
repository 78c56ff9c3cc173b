package wildrydes.protocol;

/** A decoded timestamp, kept at millisecond precision as the API uses it. */
public record Timestamp(long epochMillis) {
}
