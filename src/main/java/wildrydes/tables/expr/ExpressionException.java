package wildrydes.tables.expr;

/**
 * An expression DynamoDB would refuse. The message is the service's, without the
 * {@code Invalid <Kind>Expression: } prefix, which the caller adds.
 */
public final class ExpressionException extends RuntimeException {
    public ExpressionException(String message) {
        super(message, null, false, false);
    }
}
