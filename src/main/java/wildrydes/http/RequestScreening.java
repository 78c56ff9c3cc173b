package wildrydes.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;
import java.util.function.Predicate;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;
import wildrydes.protocol.WireFormat;

/**
 * AWS's order of checks for a request before any action sees it, as recorded against the real
 * service (kinesalite's test/connection.js and its table of every combination):
 * <ol>
 * <li>OPTIONS with an Origin header: the CORS pre-flight answer.</li>
 * <li>Any other method: an XML answer (no Content-Type): first the signature's shape
 *     (InvalidSignature, IncompleteSignature, MissingAuthenticationToken), then the target:
 *     another service's is UnrecognizedClient, an unknown operation of this service 500
 *     InternalFailure, a real one 404 UnknownOperation, none at all AccessDenied.</li>
 * <li>A POST without a body: 400 {@code {__type}} without a message, SerializationException
 *     when the target names an operation, else UnknownOperationException; in JSON when the
 *     Content-Type is JSON 1.1, else in CBOR (whatever the request's type).</li>
 * <li>A POST whose Content-Type (parameters after {@code ;} ignored) is none of JSON 1.1,
 *     CBOR 1.1 and the deprecated {@code application/json}: XML, AccessDenied without a
 *     target, else 404 UnknownOperation.</li>
 * <li>Otherwise an API call: its body is parsed, then an unknown target is answered, then
 *     authentication (see {@link ApiHandler}).</li>
 * </ol>
 * The web console (a browser's GET) is answered before all this, by {@link ApiHandler}.
 */
final class RequestScreening {
    /** Checks a request's authentication, throwing AWS's error when it fails. */
    @FunctionalInterface
    interface Authentication {
        void check(HttpHeaders headers, String uri);
    }

    /** What to do with a request. */
    sealed interface Verdict {
    }

    /** Answer this, as it is. */
    record Answer(EdgeAnswer answer) implements Verdict {
    }

    /** Answer {@code {"__type": code}} in this format, without a message. */
    record BareError(WireFormat format, ErrorCode code) implements Verdict {
    }

    /**
     * An API call in {@code format}: {@code target} is the operation's target header when this
     * server knows it, else null; {@code deprecatedJson} for the {@code application/json} protocol.
     */
    record Call(WireFormat format, boolean deprecatedJson, String target) implements Verdict {
    }

    private final Set<String> services;
    private final Predicate<String> knownTarget;
    private final Authentication authentication;

    /**
     * @param services       the target prefixes (before the dot) this server answers, e.g. {@code Kinesis_20131202}
     * @param knownTarget    whether a whole target ({@code Service.Operation}) names an operation here
     * @param authentication the signature check
     */
    RequestScreening(Set<String> services, Predicate<String> knownTarget, Authentication authentication) {
        this.services = Set.copyOf(services);
        this.knownTarget = knownTarget;
        this.authentication = authentication;
    }

    Verdict screen(HttpMethod method, HttpHeaders headers, String uri, boolean emptyBody) {
        if (method == HttpMethod.OPTIONS && headers.contains(HttpHeaderNames.ORIGIN)) {
            return new Answer(EdgeAnswer.preflight(headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS),
                    headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)));
        }
        Target target = Target.of(headers.get("X-Amz-Target"));
        if (method != HttpMethod.POST) {
            return new Answer(notPost(headers, uri, target));
        }
        String mediaType = mediaType(headers.get(HttpHeaderNames.CONTENT_TYPE));
        boolean known = target.complete() && services.contains(target.service()) && knownTarget.test(target.whole());
        if (emptyBody) {
            WireFormat format = mediaType.equalsIgnoreCase(WireFormat.JSON.contentType()) ? WireFormat.JSON : WireFormat.CBOR;
            return new BareError(format, known ? ErrorCode.SerializationException : ErrorCode.UnknownOperationException);
        }
        boolean deprecated = mediaType.equalsIgnoreCase(EdgeAnswer.DEPRECATED_JSON);
        WireFormat format = deprecated ? WireFormat.JSON
                : mediaType.equalsIgnoreCase(WireFormat.JSON.contentType()) ? WireFormat.JSON
                : mediaType.equalsIgnoreCase(WireFormat.CBOR.contentType()) ? WireFormat.CBOR : null;
        if (format == null) {
            return new Answer(target.complete() ? EdgeAnswer.xmlEmpty("UnknownOperationException", 404) : EdgeAnswer.accessDenied());
        }
        return new Call(format, deprecated, known ? target.whole() : null);
    }

    private EdgeAnswer notPost(HttpHeaders headers, String uri, Target target) {
        try {
            authentication.check(headers, uri);
        } catch (KinesisException e) {
            return EdgeAnswer.xml(e.code().name(), e.getMessage());
        }
        if (!target.complete()) {
            return EdgeAnswer.accessDenied();
        }
        if (!services.contains(target.service())) {
            return EdgeAnswer.xml("UnrecognizedClientException", "No authorization strategy was found for service: "
                    + target.service() + ", operation: " + target.operation());
        }
        return knownTarget.test(target.whole()) ? EdgeAnswer.xmlEmpty("UnknownOperationException", 404)
                : EdgeAnswer.xmlEmpty("InternalFailure", 500);
    }

    /** The media type of a Content-Type header: before any {@code ;}, trimmed; empty for none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    /** An X-Amz-Target split as AWS splits it: the service before the first dot, the operation up to the next. */
    record Target(String service, String operation) {
        static Target of(String header) {
            if (header == null) {
                return new Target("", "");
            }
            int dot = header.indexOf('.');
            if (dot < 0) {
                return new Target(header, "");
            }
            int next = header.indexOf('.', dot + 1);
            return new Target(header.substring(0, dot), header.substring(dot + 1, next < 0 ? header.length() : next));
        }

        boolean complete() {
            return !service.isEmpty() && !operation.isEmpty();
        }

        String whole() {
            return service + "." + operation;
        }
    }
}
