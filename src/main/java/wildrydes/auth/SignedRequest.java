package wildrydes.auth;

import java.util.List;

/** What signature verification reads of an HTTP request, whatever the transport. */
public interface SignedRequest {

    /** The method as sent, e.g. {@code POST}. */
    String method();

    /** The request target as sent: path and query string, percent-encoded. */
    String uri();

    /** Every value of the header of this name (any case), in the order sent; empty when there is none. */
    List<String> headers(String name);

    /** Lower-case hex SHA-256 of the body. */
    String payloadSha256();

    /** Whether the request came over TLS. */
    boolean overTls();

    default String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
