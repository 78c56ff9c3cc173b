package wildrydes.tables;

/** DynamoDB's error types, with the {@code __type} each one has on the wire. */
public enum TablesError {
    ValidationException("com.amazon.coral.validate#"),
    SerializationException("com.amazon.coral.service#"),
    UnknownOperationException("com.amazon.coral.service#"),
    MissingAuthenticationTokenException("com.amazon.coral.service#"),
    IncompleteSignatureException("com.amazon.coral.service#"),
    InvalidSignatureException("com.amazon.coral.service#"),
    AccessDeniedException("com.amazon.coral.service#"),
    ResourceNotFoundException("com.amazonaws.dynamodb.v20120810#"),
    ResourceInUseException("com.amazonaws.dynamodb.v20120810#"),
    ConditionalCheckFailedException("com.amazonaws.dynamodb.v20120810#"),
    LimitExceededException("com.amazonaws.dynamodb.v20120810#"),
    ProvisionedThroughputExceededException("com.amazonaws.dynamodb.v20120810#"),
    TransactionCanceledException("com.amazonaws.dynamodb.v20120810#"),
    TransactionConflictException("com.amazonaws.dynamodb.v20120810#"),
    IdempotentParameterMismatchException("com.amazonaws.dynamodb.v20120810#"),
    TableNotFoundException("com.amazonaws.dynamodb.v20120810#"),
    InternalServerError("com.amazonaws.dynamodb.v20120810#");

    private final String namespace;

    TablesError(String namespace) {
        this.namespace = namespace;
    }

    /** The {@code __type} of the error body, e.g. {@code com.amazonaws.dynamodb.v20120810#ResourceNotFoundException}. */
    public String wireType() {
        return namespace + name();
    }

    public boolean isServerFault() {
        return this == InternalServerError;
    }
}
