package wildrydes.storage;

/** A frame that fails a check of the format: torn, corrupt or out of place. */
final class InvalidFrameException extends Exception {

    private final long offset;
    private final String reason;

    InvalidFrameException(long offset, String reason) {
        super(reason + " at offset " + offset);
        this.offset = offset;
        this.reason = reason;
    }

    long offset() {
        return offset;
    }

    String reason() {
        return reason;
    }
}
