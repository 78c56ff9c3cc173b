package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import wildrydes.tables.TablesError;
import wildrydes.tables.TablesException;

/**
 * DynamoDB's answer to a request without SigV4-shaped authentication (in the Authorization
 * header or presigned in the query). The signature itself is not verified: any credentials
 * work, as a local server's should. The words differ from Kinesis's, hence this class.
 */
final class SignatureCheck {
    private SignatureCheck() {
    }

    static void check(String authorization, boolean hasDate, Map<String, List<String>> query) {
        boolean presigned = query.containsKey("X-Amz-Algorithm");
        if (authorization != null && presigned) {
            throw new TablesException(TablesError.InvalidSignatureException,
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }
        if ((authorization == null && !presigned) || (authorization != null && !authorization.trim().startsWith("AWS4-"))) {
            throw new TablesException(TablesError.MissingAuthenticationTokenException, "Request is missing Authentication Token");
        }
        StringBuilder missing = new StringBuilder();
        if (authorization != null) {
            for (String param : List.of("Credential", "Signature", "SignedHeaders")) {
                if (!authorization.matches("(?s).*[ ,]" + param + "=[^, ].*")) {
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
            for (String param : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date")) {
                List<String> values = query.get(param);
                if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
                    missing.append("AWS query-string parameters must include '").append(param).append("'. ");
                }
            }
            if (!missing.isEmpty()) {
                missing.append("Re-examine the query-string parameters.");
            }
        }
        if (!missing.isEmpty()) {
            throw new TablesException(TablesError.IncompleteSignatureException, missing.toString());
        }
    }
}
