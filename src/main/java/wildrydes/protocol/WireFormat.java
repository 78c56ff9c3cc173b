package wildrydes.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * The two encodings of the Kinesis API: JSON 1.1 (every SDK but Java's, and the AWS CLI) and
 * CBOR 1.1 (the AWS SDK for Java's default). A response always uses the request's encoding.
 */
public enum WireFormat {
    JSON("application/x-amz-json-1.1", new JsonFactory()),
    CBOR("application/x-amz-cbor-1.1", new CBORFactory());

    private final String contentType;
    private final JsonFactory factory;

    WireFormat(String contentType, JsonFactory factory) {
        this.contentType = contentType;
        this.factory = factory;
    }

    public String contentType() {
        return contentType;
    }

    JsonFactory factory() {
        return factory;
    }

    /** The format for a Content-Type header value (parameters ignored), or null if it is neither. */
    public static WireFormat fromContentType(String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        if (type.equalsIgnoreCase(JSON.contentType) || type.equalsIgnoreCase("application/json")) {
            return JSON;
        }
        if (type.equalsIgnoreCase(CBOR.contentType)) {
            return CBOR;
        }
        return null;
    }
}
