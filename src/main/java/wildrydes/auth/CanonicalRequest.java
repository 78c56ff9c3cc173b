package wildrydes.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The canonical request of SigV4, built the way the AWS SDKs build it for services other than S3:
 *
 * <pre>
 * METHOD
 * /path, dot segments and repeated slashes removed, percent-encoded once more (so "%20" becomes "%2520")
 * query parameters, each name and value decoded and re-encoded (RFC 3986), sorted by name then value
 * name:value of each signed header: values trimmed, inner runs of white space folded to one space, repeats joined by ','
 * (blank line)
 * signed;headers
 * hex SHA-256 of the body (or UNSIGNED-PAYLOAD)
 * </pre>
 *
 * For a presigned request the query's X-Amz-Signature is left out.
 */
final class CanonicalRequest {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private CanonicalRequest() {
    }

    static String of(SignedRequest request, QueryParameters query, SignatureParameters signature, String payloadHash) {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        out.append(path(QueryParameters.rawPath(request.uri()))).append('\n');
        out.append(query(query, signature.presigned())).append('\n');
        for (String name : signature.signedHeaders()) {
            out.append(name).append(':').append(headerValue(request.headers(name))).append('\n');
        }
        out.append('\n').append(signature.signedHeadersText()).append('\n').append(payloadHash);
        return out.toString();
    }

    static String path(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        StringBuilder normalized = new StringBuilder("/").append(String.join("/", segments));
        if (rawPath.endsWith("/") && !segments.isEmpty()) {
            normalized.append('/');
        }
        return UriEncoding.encode(normalized.toString(), true);
    }

    private static String query(QueryParameters query, boolean presigned) {
        List<String[]> pairs = new ArrayList<>();
        for (QueryParameters.Raw raw : query.raw()) {
            String name = canonical(raw.name());
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {name, canonical(raw.value())});
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** A name or value as the SDKs encode it; a malformed escape is kept as sent (the signature then cannot match). */
    private static String canonical(String raw) {
        try {
            return UriEncoding.encode(UriEncoding.decode(raw), false);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    static String headerValue(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            fold(value, out);
        }
        return out.toString();
    }

    /** Trims and folds every run of white space into one space, as the SDKs do. */
    private static void fold(String value, StringBuilder out) {
        boolean space = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                space = started;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
            started = true;
        }
    }
}
