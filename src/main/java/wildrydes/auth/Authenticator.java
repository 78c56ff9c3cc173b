package wildrydes.auth;

/**
 * The step the HTTP edge runs for every API request before it dispatches it: it checks the
 * request's SigV4 authentication and says which account it acts for, or throws a
 * {@link wildrydes.errors.KinesisException} worded as AWS words it.
 */
public interface Authenticator {

    /**
     * @param service the signing name the credential scope must carry: {@code kinesis} or {@code dynamodb}
     */
    Principal authenticate(SignedRequest request, String service);

    /** Whether signatures are verified (credentials configured) or only their shape is checked. */
    boolean verifiesSignatures();

    /** Checks only that a request looks signed, and puts everything in {@code accountId}: a laptop's server. */
    static Authenticator shapeOnly(String accountId) {
        Principal everyone = Principal.anonymous(accountId);
        return new Authenticator() {
            @Override
            public Principal authenticate(SignedRequest request, String service) {
                SignatureParameters.checkShape(request, QueryParameters.of(request.uri()));
                return everyone;
            }

            @Override
            public boolean verifiesSignatures() {
                return false;
            }
        };
    }
}
