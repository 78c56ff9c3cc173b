package wildrydes.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * The NextToken of the paged list operations: which list, where the page ended and when the
 * token was issued, so it can expire. Base64 of {@code kind|issuedMillis|scope|lastKey}.
 */
record PageToken(String kind, long issuedMillis, String scope, String lastKey) {
    static final long LIFETIME_MILLIS = 300_000;

    String encode() {
        String text = kind + "|" + issuedMillis + "|" + scope + "|" + lastKey;
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static PageToken decode(String token, String expectedKind, long nowMillis, String operation) {
        PageToken parsed = parse(token);
        if (parsed == null || !parsed.kind.equals(expectedKind)) {
            throw KinesisException.invalidArgument("Invalid NextToken: " + operation + " did not issue it. Call " + operation
                    + " without NextToken to start again.");
        }
        if (nowMillis - parsed.issuedMillis > LIFETIME_MILLIS) {
            throw new KinesisException(ErrorCode.ExpiredNextTokenException, "The NextToken was issued more than "
                    + LIFETIME_MILLIS / 1000 + " seconds ago and has expired. Call " + operation + " without NextToken to start again.");
        }
        return parsed;
    }

    private static PageToken parse(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", 4);
            if (parts.length != 4) {
                return null;
            }
            return new PageToken(parts[0], Long.parseLong(parts[1]), parts[2], parts[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
