package wildrydes.lab.archive;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steps of a delivery, in order, where a crash leaves different things on disk: objects
 * staged and forced; the intent saved; the objects renamed into place; the new checkpoint saved.
 * Tests stop the process at each of them ({@code WILDRYDES_ARCHIVE_HALT_AT=renamed:3} halts the
 * JVM, as kill -9 would, when the third delivery has renamed its objects) to prove a restart
 * still puts every record in exactly one object.
 */
public enum DeliveryStep {
    STAGED, INTENT_SAVED, RENAMED, SAVED;

    /** Called at each step of each delivery. */
    public interface Observer {
        void reached(DeliveryStep step);
    }

    public static final Observer NONE = step -> { };

    /** An observer that halts the JVM at the step and delivery {@code spec} names ("intent_saved:2"); NONE for null. */
    public static Observer haltAt(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        String[] parts = spec.trim().split(":");
        DeliveryStep at = valueOf(parts[0].toUpperCase(Locale.ROOT));
        int nth = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
        AtomicInteger seen = new AtomicInteger();
        return step -> {
            if (step == at && seen.incrementAndGet() == nth) {
                Runtime.getRuntime().halt(137);
            }
        };
    }
}
