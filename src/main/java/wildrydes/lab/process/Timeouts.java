package wildrydes.lab.process;

import java.time.Duration;
import java.util.Locale;

/** How Lambda words a timeout: "Task timed out after 60.00 seconds". */
public final class Timeouts {
    private Timeouts() {
    }

    public static String seconds(Duration timeout) {
        return String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0);
    }

    public static String message(String requestId, Duration timeout) {
        return "RequestId: " + requestId + " Error: Task timed out after " + seconds(timeout) + " seconds";
    }
}
