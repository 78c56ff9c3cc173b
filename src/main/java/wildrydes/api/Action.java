package wildrydes.api;

import java.util.concurrent.CompletableFuture;
import wildrydes.protocol.Shape;
import wildrydes.protocol.Struct;

/**
 * One operation of the Kinesis API: its input shape (validation declared as data) and what
 * it does. Actions throw {@link wildrydes.errors.KinesisException} for errors the client
 * caused; the future may also fail with one.
 */
public interface Action {

    /** The operation name, as in {@code X-Amz-Target: Kinesis_20131202.<name>}. */
    String name();

    Shape input();

    /** Runs the operation on a request that has passed decoding and validation. */
    CompletableFuture<Response> execute(Struct request);

    static CompletableFuture<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
