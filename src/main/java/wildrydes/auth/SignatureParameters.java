package wildrydes.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * The SigV4 parameters of a request, from its {@code Authorization} header or, presigned, from its
 * query string ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, ...).
 *
 * @param signedHeadersText the SignedHeaders value as sent (it is part of the canonical request)
 * @param date              X-Amz-Date (or, with an Authorization header and no X-Amz-Date, the Date header)
 * @param securityToken     X-Amz-Security-Token, or null
 * @param expires           X-Amz-Expires of a presigned request, or null
 */
record SignatureParameters(boolean presigned, String credential, String signedHeadersText, List<String> signedHeaders,
                           String signature, String date, String securityToken, String expires) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** Presence and completeness, as {@link SignatureShapeCheck} words it (the same in every mode). */
    static void checkShape(SignedRequest request, QueryParameters query) {
        boolean hasDate = request.header("X-Amz-Date") != null || request.header("Date") != null;
        SignatureShapeCheck.check(request.header("Authorization"), hasDate, query.decoded());
    }

    static SignatureParameters read(SignedRequest request, QueryParameters query) {
        checkShape(request, query);
        String authorization = request.header("Authorization");
        return authorization != null ? fromHeader(authorization.strip(), request) : fromQuery(query);
    }

    private static SignatureParameters fromHeader(String authorization, SignedRequest request) {
        String[] tokens = authorization.split("[,\\s]+");
        if (!tokens[0].equals(ALGORITHM)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + tokens[0] + "' (only " + ALGORITHM + " for now). ");
        }
        Map<String, String> parameters = new HashMap<>();
        for (String token : Arrays.asList(tokens).subList(1, tokens.length)) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                throw incomplete("'" + token + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + authorization + "'.");
            }
            parameters.put(token.substring(0, eq), token.substring(eq + 1));
        }
        String signedHeaders = parameters.get("SignedHeaders");
        String date = request.header("X-Amz-Date");
        return new SignatureParameters(false, parameters.get("Credential"), signedHeaders, split(signedHeaders),
                parameters.get("Signature"), date != null ? date : request.header("Date"),
                request.header("X-Amz-Security-Token"), null);
    }

    private static SignatureParameters fromQuery(QueryParameters query) {
        if (!ALGORITHM.equals(query.first("X-Amz-Algorithm"))) {
            throw new KinesisException(ErrorCode.MissingAuthenticationTokenException, "Missing Authentication Token");
        }
        String signedHeaders = query.first("X-Amz-SignedHeaders");
        return new SignatureParameters(true, query.first("X-Amz-Credential"), signedHeaders, split(signedHeaders),
                query.first("X-Amz-Signature"), query.first("X-Amz-Date"), query.first("X-Amz-Security-Token"),
                query.first("X-Amz-Expires"));
    }

    private static List<String> split(String signedHeaders) {
        return signedHeaders == null || signedHeaders.isEmpty() ? List.of() : List.of(signedHeaders.split(";", -1));
    }

    static KinesisException incomplete(String message) {
        return new KinesisException(ErrorCode.IncompleteSignatureException, message);
    }
}
