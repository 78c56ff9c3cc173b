package wildrydes.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer AWS's front end gives before a request reaches the service, in the exact bytes AWS
 * sends (kinesalite's recordings, test/connection.js): the XML errors of requests it cannot
 * route (no Content-Type header), the JSON 1.0 envelopes of the deprecated
 * {@code application/json} protocol, and the CORS pre-flight answer (empty, 200).
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type header, or null for none (the XML answers have none)
 * @param errorType   the {@code x-amzn-ErrorType} header, or null
 * @param headers     further headers
 */
record EdgeAnswer(int status, String contentType, byte[] body, String errorType, Map<String, String> headers) {
    static final String DEPRECATED_JSON = "application/json";

    /** {@code <Type>\n  <Message>message</Message>\n</Type>\n}, 403. */
    static EdgeAnswer xml(String type, String message) {
        String body = "<" + type + ">\n  <Message>" + escape(message) + "</Message>\n</" + type + ">\n";
        return new EdgeAnswer(403, null, body.getBytes(StandardCharsets.UTF_8), type, Map.of());
    }

    /** {@code <Type/>\n} with its own status (404 UnknownOperationException, 500 InternalFailure). */
    static EdgeAnswer xmlEmpty(String type, int status) {
        return new EdgeAnswer(status, null, ("<" + type + "/>\n").getBytes(StandardCharsets.UTF_8), type, Map.of());
    }

    static EdgeAnswer accessDenied() {
        return xml("AccessDeniedException", "Unable to determine service/operation name to be authorized");
    }

    /** The deprecated JSON 1.0 protocol's envelope: {@code {"Output":{"__type":"com.amazon.coral.service#Type"},"Version":"1.0"}}. */
    static EdgeAnswer deprecatedJson(String type, int status) {
        String body = "{\"Output\":{\"__type\":\"com.amazon.coral.service#" + type + "\"},\"Version\":\"1.0\"}";
        return new EdgeAnswer(status, DEPRECATED_JSON, body.getBytes(StandardCharsets.UTF_8), type, Map.of());
    }

    /** A CORS pre-flight: 200, empty, echoing the requested headers and method. */
    static EdgeAnswer preflight(String requestHeaders, String requestMethod) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (requestHeaders != null) {
            headers.put("Access-Control-Allow-Headers", requestHeaders);
        }
        if (requestMethod != null) {
            headers.put("Access-Control-Allow-Methods", requestMethod);
        }
        headers.put("Access-Control-Max-Age", "172800");
        return new EdgeAnswer(200, null, new byte[0], null, headers);
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
