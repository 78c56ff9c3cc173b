package wildrydes.lab.aggregate;

/**
 * Which time puts a record into a window: its arrival in the stream (the record's
 * ApproximateArrivalTimestamp, as the workshop's ROWTIME was), or a timestamp field of the
 * record itself (event time, e.g. the reading's StatusTime).
 *
 * @param field the record's field holding the event time; null for arrival time
 */
public record TimeMode(String field) {
    public static final TimeMode ARRIVAL = new TimeMode(null);

    public TimeMode {
        if (field != null && field.isBlank()) {
            throw new IllegalArgumentException("an event-time field needs a name, e.g. field:StatusTime");
        }
    }

    public boolean arrival() {
        return field == null;
    }

    /** {@code arrival} or {@code field:NAME}. */
    public static TimeMode parse(String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("arrival")) {
            return ARRIVAL;
        }
        if (value.regionMatches(true, 0, "field:", 0, 6) && value.length() > 6) {
            return new TimeMode(value.substring(6));
        }
        throw new IllegalArgumentException("'" + text + "' is not a time: use arrival (the record's arrival in the stream) "
                + "or field:NAME (a timestamp field of the record, e.g. field:StatusTime)");
    }

    /** As the option is written. */
    public String describe() {
        return arrival() ? "arrival" : "field:" + field;
    }
}
