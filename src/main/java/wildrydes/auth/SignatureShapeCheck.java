package wildrydes.auth;

import java.util.List;
import java.util.Map;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * Checks that a request carries SigV4-shaped authentication, in the Authorization header or
 * presigned in the query string, and answers as AWS does when it does not. The signature
 * itself is not verified: any credentials are accepted, as a local emulator should.
 */
public final class SignatureShapeCheck {
    private static final String[] HEADER_PARAMS = {"Credential", "Signature", "SignedHeaders"};
    private static final String[] QUERY_PARAMS = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
        "X-Amz-SignedHeaders", "X-Amz-Date"};

    private SignatureShapeCheck() {
    }

    /**
     * @param authorization the Authorization header, or null
     * @param hasDate       whether an X-Amz-Date or Date header is present
     * @param query         the query string parameters
     */
    public static void check(String authorization, boolean hasDate, Map<String, List<String>> query) {
        boolean presigned = query.containsKey("X-Amz-Algorithm");
        if (authorization != null && presigned) {
            throw new KinesisException(ErrorCode.InvalidSignatureException,
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }
        if (authorization == null && !presigned) {
            throw new KinesisException(ErrorCode.MissingAuthenticationTokenException, "Missing Authentication Token");
        }
        StringBuilder missing = new StringBuilder();
        if (authorization != null) {
            for (String param : HEADER_PARAMS) {
                if (!hasHeaderParam(authorization, param)) {
                    missing.append("Authorization header requires '").append(param).append("' parameter. ");
                }
            }
            if (!hasDate) {
                missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            }
            if (!missing.isEmpty()) {
                missing.append("Authorization=").append(authorization);
            }
        } else {
            for (String param : QUERY_PARAMS) {
                List<String> values = query.get(param);
                if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
                    missing.append("AWS query-string parameters must include '").append(param).append("'. ");
                }
            }
            if (!missing.isEmpty()) {
                missing.append("Re-examine the query-string parameters.");
            }
        }
        if (!missing.isEmpty()) {
            throw new KinesisException(ErrorCode.IncompleteSignatureException, missing.toString());
        }
    }

    private static boolean hasHeaderParam(String authorization, String param) {
        int at = authorization.indexOf(param + "=");
        while (at >= 0) {
            boolean startsToken = at == 0 || authorization.charAt(at - 1) == ' ' || authorization.charAt(at - 1) == ',';
            int valueStart = at + param.length() + 1;
            if (startsToken && valueStart < authorization.length() && authorization.charAt(valueStart) != ','
                    && authorization.charAt(valueStart) != ' ') {
                return true;
            }
            at = authorization.indexOf(param + "=", at + 1);
        }
        return false;
    }
}
