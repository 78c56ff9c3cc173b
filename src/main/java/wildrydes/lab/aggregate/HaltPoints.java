package wildrydes.lab.aggregate;

import java.util.Map;

/**
 * A test hook: {@code WILDRYDES_AGGREGATE_HALT=POINT[:N]} makes the process halt at once (as
 * kill -9 would: no shutdown hooks, nothing flushed) the N-th time (default the first) it
 * reaches POINT, so tests can prove that a crash there loses and repeats nothing:
 * {@value #AFTER_STATE_WRITE} (results recorded, not yet put), {@value #MID_PUT} (about half of
 * a window's results put) and {@value #AFTER_PUT} (all put, not yet recorded as put).
 */
final class HaltPoints {
    static final String VARIABLE = "WILDRYDES_AGGREGATE_HALT";
    static final String AFTER_STATE_WRITE = "after-state-write";
    static final String MID_PUT = "mid-put";
    static final String AFTER_PUT = "after-put";
    static final HaltPoints NONE = new HaltPoints(null, 0);

    private final String point;
    private final int times;
    private int reached;

    private HaltPoints(String point, int times) {
        this.point = point;
        this.times = times;
    }

    static HaltPoints from(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String[] parts = value.trim().split(":");
        if (!parts[0].equals(AFTER_STATE_WRITE) && !parts[0].equals(MID_PUT) && !parts[0].equals(AFTER_PUT)) {
            throw new IllegalArgumentException(VARIABLE + "=" + value + " names no halt point (" + AFTER_STATE_WRITE + ", " + MID_PUT
                    + " or " + AFTER_PUT + ")");
        }
        return new HaltPoints(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
    }

    /** Whether the next time {@code name} is reached would halt (so a put can split itself in two first). */
    synchronized boolean armed(String name) {
        return name.equals(point) && reached + 1 == times;
    }

    synchronized void reached(String name) {
        if (name.equals(point) && ++reached == times) {
            System.err.println("aggregate: halting at " + name + " (" + VARIABLE + ", a test hook)");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
