package wildrydes.lab.tail;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

/** Which failures of a Kinesis call are worth another try, and how long to wait before it. */
final class Failures {
    /** Failed calls in a row (other than throttling) after which a reader gives up. */
    static final int MAX_IN_A_ROW = 10;

    enum Kind {
        /** Over a limit: wait longer each time, without giving up. */
        THROTTLED,
        /** A server error or a broken connection: try again, a bounded number of times. */
        TRANSIENT,
        /** Nothing to retry: a missing stream, a bad argument, no permission. */
        FATAL
    }

    private Failures() {
    }

    static Kind classify(RuntimeException e) {
        if (e instanceof ProvisionedThroughputExceededException || e instanceof LimitExceededException
                || e instanceof KmsThrottlingException) {
            return Kind.THROTTLED;
        }
        if (e instanceof AwsServiceException service) {
            if (service.isThrottlingException()) {
                return Kind.THROTTLED;
            }
            return service.statusCode() >= 500 ? Kind.TRANSIENT : Kind.FATAL;
        }
        return e instanceof SdkClientException ? Kind.TRANSIENT : Kind.FATAL;
    }

    /** Whether nothing answers at the endpoint at all (refused, or an unknown host). */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** 200 ms doubling with each attempt, at most 5 s. */
    static long backOffMillis(int attempt) {
        return Math.min(5_000, 200L << Math.min(Math.max(attempt, 1), 5));
    }

    /** Sleeps in short steps, returning early once {@code stopped} says so (or the thread is interrupted). */
    static void pause(long millis, BooleanSupplier stopped) {
        long end = System.nanoTime() + millis * 1_000_000;
        long left;
        while ((left = end - System.nanoTime()) > 0 && !stopped.getAsBoolean()) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
