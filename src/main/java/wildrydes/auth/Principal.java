package wildrydes.auth;

/**
 * Who a request acts for, as authentication established it: the account whose streams (and
 * tables) it sees, and the access key that signed it (null when the server checks no signatures).
 */
public record Principal(String accountId, String accessKeyId) {

    public static Principal anonymous(String accountId) {
        return new Principal(accountId, null);
    }
}
