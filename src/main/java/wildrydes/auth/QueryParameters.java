package wildrydes.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The query string of a request target: its parameters as sent (for the canonical request) and decoded (to read them). */
final class QueryParameters {
    /** One parameter as sent, percent-encoded; {@code value} is "" for a name without '='. */
    record Raw(String name, String value) {
    }

    private final List<Raw> raw;
    private final Map<String, List<String>> decoded;

    private QueryParameters(List<Raw> raw, Map<String, List<String>> decoded) {
        this.raw = raw;
        this.decoded = decoded;
    }

    static QueryParameters of(String uri) {
        int question = uri.indexOf('?');
        List<Raw> raw = new ArrayList<>();
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        if (question >= 0) {
            int hash = uri.indexOf('#', question);
            String query = uri.substring(question + 1, hash < 0 ? uri.length() : hash);
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                Raw parameter = eq < 0 ? new Raw(pair, "") : new Raw(pair.substring(0, eq), pair.substring(eq + 1));
                raw.add(parameter);
                decoded.computeIfAbsent(lenient(parameter.name()), k -> new ArrayList<>()).add(lenient(parameter.value()));
            }
        }
        return new QueryParameters(raw, decoded);
    }

    /** The path part of a request target, as sent. */
    static String rawPath(String uri) {
        int end = uri.length();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return uri.substring(0, end);
    }

    private static String lenient(String raw) {
        try {
            return UriEncoding.decode(raw);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    List<Raw> raw() {
        return raw;
    }

    Map<String, List<String>> decoded() {
        return decoded;
    }

    /** The first value of a parameter, decoded, or null. */
    String first(String name) {
        List<String> values = decoded.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean has(String name) {
        return decoded.containsKey(name);
    }
}
