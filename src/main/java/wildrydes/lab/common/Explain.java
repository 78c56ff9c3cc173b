package wildrydes.lab.common;

import java.net.ConnectException;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Turns the usual first-run failures into one line that says how to fix them. */
public final class Explain {
    private Explain() {
    }

    /** Checks that the endpoint answers and the stream exists, waiting while it is CREATING. */
    public static void requireStream(KinesisClient kinesis, KinesisEndpoint endpoint, String stream) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            StreamStatus status;
            try {
                status = kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary().streamStatus();
            } catch (RuntimeException e) {
                throw explain(e, endpoint, stream);
            }
            if (status == StreamStatus.ACTIVE || status == StreamStatus.UPDATING) {
                return;
            }
            if (status == StreamStatus.DELETING) {
                throw new LabException("Stream " + stream + " is being deleted at " + endpoint.describe()
                        + ": create it again with: " + createCommand(endpoint, stream));
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("Stream " + stream + " is still " + status + " after 2 minutes at " + endpoint.describe());
            }
            sleep(200);
        }
    }

    /** A one-line explanation of an SDK failure, or the failure itself when it is not a usual one. */
    public static RuntimeException explain(RuntimeException e, KinesisEndpoint endpoint, String stream) {
        if (e instanceof ResourceNotFoundException) {
            return new LabException("Stream " + stream + " does not exist at " + endpoint.describe() + ": create it with: "
                    + createCommand(endpoint, stream));
        }
        if (e instanceof SdkClientException && hasCause(e, ConnectException.class)) {
            return new LabException("Nothing answers at " + endpoint.describe() + ": start the local server with "
                    + "'./wildrydes server' (or run './wildrydes demo'), or pass -endpoint URL.");
        }
        if (e instanceof SdkClientException && hasCause(e, UnknownHostException.class)) {
            return new LabException("Cannot resolve the host of " + endpoint.describe() + ": check -endpoint or your network.");
        }
        return e;
    }

    public static String createCommand(KinesisEndpoint endpoint, String stream) {
        return "aws " + endpoint.cliEndpointFlag() + " kinesis create-stream --stream-name " + stream + " --shard-count 1";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Sleeps, keeping the interrupt flag for the caller to see. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
