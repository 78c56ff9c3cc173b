package wildrydes.auth;

/**
 * One access key the server accepts: its id, its secret, the account it acts for and, for a
 * temporary key, the session token that must come with every request it signs.
 *
 * @param sessionToken null for a long-term key
 */
public record AccessKey(String id, String secret, String accountId, String sessionToken) {

    public AccessKey {
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty() || accountId == null) {
            throw new IllegalArgumentException("an access key needs an id, a secret and an account id");
        }
    }

    public AccessKey(String id, String secret, String accountId) {
        this(id, secret, accountId, null);
    }

    /** Never shows the secret or the token, so a key that reaches a log or a message leaks nothing. */
    @Override
    public String toString() {
        return "AccessKey[" + id + ", account " + accountId + (sessionToken == null ? "" : ", with a session token") + "]";
    }
}
