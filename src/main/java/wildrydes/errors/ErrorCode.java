package wildrydes.errors;

/** The error types of the Kinesis API, named exactly as AWS names them on the wire ({@code __type}). */
public enum ErrorCode {
    ResourceNotFoundException,
    ResourceInUseException,
    InvalidArgumentException,
    LimitExceededException,
    ExpiredIteratorException,
    ExpiredNextTokenException,
    ProvisionedThroughputExceededException,
    ValidationException,
    SerializationException,
    UnknownOperationException,
    MissingAuthenticationTokenException,
    IncompleteSignatureException,
    InvalidSignatureException,
    AccessDeniedException,
    InternalFailure,
    ServiceUnavailable;

    /** Server-side faults; everything else is the client's. */
    public boolean isServerFault() {
        return this == InternalFailure || this == ServiceUnavailable;
    }
}
