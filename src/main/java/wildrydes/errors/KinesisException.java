package wildrydes.errors;

/**
 * An error the API reports to the client, typed by its AWS error code. Thrown by any layer
 * below HTTP; only the HTTP layer turns it into a status code and a body.
 */
public class KinesisException extends RuntimeException {
    private final ErrorCode code;

    public KinesisException(ErrorCode code, String message) {
        super(message, null, false, false); // no stack trace: these are answers, not bugs
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static KinesisException notFound(String message) {
        return new KinesisException(ErrorCode.ResourceNotFoundException, message);
    }

    public static KinesisException inUse(String message) {
        return new KinesisException(ErrorCode.ResourceInUseException, message);
    }

    public static KinesisException invalidArgument(String message) {
        return new KinesisException(ErrorCode.InvalidArgumentException, message);
    }

    public static KinesisException limitExceeded(String message) {
        return new KinesisException(ErrorCode.LimitExceededException, message);
    }
}
