package wildrydes.lab.kpl;

import java.util.List;

/**
 * What one Kinesis record holds: itself ({@link Kind#PLAIN}), the user records of a KPL
 * aggregate ({@link Kind#AGGREGATE}), itself because it looks like an aggregate but is not a
 * valid one ({@link Kind#MALFORMED}), or nothing because its user records belong to another shard
 * ({@link Kind#OUT_OF_RANGE}).
 *
 * @param records the user records, for {@link Kind#AGGREGATE} only (possibly none: an aggregate may be empty)
 * @param problem why a record was {@link Kind#MALFORMED} or {@link Kind#OUT_OF_RANGE}; null otherwise
 */
public record Deaggregation(Kind kind, List<UserRecord> records, String problem) {
    public enum Kind { PLAIN, AGGREGATE, MALFORMED, OUT_OF_RANGE }

    static final Deaggregation PLAIN = new Deaggregation(Kind.PLAIN, List.of(), null);

    static Deaggregation malformed(String problem) {
        return new Deaggregation(Kind.MALFORMED, List.of(), problem);
    }

    /** True when the Kinesis record is to be delivered as it is. */
    public boolean deliverAsIs() {
        return kind == Kind.PLAIN || kind == Kind.MALFORMED;
    }
}
