package wildrydes.stream;

import wildrydes.errors.ErrorCode;

/** The outcome of one entry of a PutRecords call: either a result or an error code and message. */
public record PutEntryResult(PutResult result, ErrorCode errorCode, String errorMessage) {

    public static PutEntryResult success(PutResult result) {
        return new PutEntryResult(result, null, null);
    }

    public static PutEntryResult failure(ErrorCode code, String message) {
        return new PutEntryResult(null, code, message);
    }

    public boolean failed() {
        return errorCode != null;
    }
}
