package wildrydes.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * Reads a request body (JSON or CBOR) straight into a {@link Struct}, guided by the action's
 * input shape: no intermediate tree. A value of the wrong type is a SerializationException
 * worded as AWS words it; members the shape does not know are skipped whatever their type.
 */
public final class RequestDecoder {
    private static final int CBOR_EPOCH_TAG = 1;

    private RequestDecoder() {
    }

    public static Struct decode(WireFormat format, byte[] body, int offset, int length, Shape input) {
        if (length == 0) {
            throw serialization("The request body is empty: send a " + format.contentType() + " object");
        }
        try (JsonParser parser = format.factory().createParser(body, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw typeMismatch(first, "structure");
            }
            Struct struct = readStruct(parser, format, input);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw serialization("Unexpected content after the end of the request object");
            }
            return struct;
        } catch (StreamConstraintsException e) {
            throw serialization("Request too large to read: " + firstLine(e.getOriginalMessage()));
        } catch (ArithmeticException | NumberFormatException e) {
            throw serialization("A number in the request body can not be read: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw serialization("Could not parse the request body as " + format.name() + ": " + firstLine(e.getMessage()));
        }
    }

    private static Struct readStruct(JsonParser parser, WireFormat format, Shape shape) throws IOException {
        Struct struct = new Struct();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw serialization("Expected a member name, found " + token);
            }
            Member member = shape.members.get(parser.currentName());
            JsonToken valueToken = parser.nextToken();
            if (member == null) {
                parser.skipChildren(); // unknown members are ignored, as AWS does
                continue;
            }
            if (valueToken == JsonToken.VALUE_NULL) {
                continue;
            }
            struct.put(member.name(), readValue(parser, format, member.shape(), valueToken));
        }
        return struct;
    }

    private static Object readValue(JsonParser parser, WireFormat format, Shape shape, JsonToken token) throws IOException {
        return switch (shape.kind) {
            case STRING -> readString(parser, token);
            case INTEGER -> readInteger(parser, token, "Integer", Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> readInteger(parser, token, "Long", Long.MIN_VALUE, Long.MAX_VALUE);
            case BOOLEAN -> readBoolean(parser, token);
            case BLOB -> readBlob(parser, token);
            case TIMESTAMP -> readTimestamp(parser, format, token);
            case LIST -> readList(parser, format, shape, token);
            case MAP -> readMap(parser, format, shape, token);
            case STRUCTURE -> {
                if (token != JsonToken.START_OBJECT) {
                    throw typeMismatch(token, "structure");
                }
                yield readStruct(parser, format, shape);
            }
        };
    }

    private static String readString(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        throw typeMismatch(token, "String");
    }

    private static Long readInteger(JsonParser parser, JsonToken token, String typeName, long min, long max) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal value = decimalValue(parser, typeName);
            Long floor = floorWithin(value, min, max);
            if (floor == null) {
                throw serialization("Numeric value (" + shown(value) + ") out of range of " + typeName);
            }
            return floor;
        }
        throw typeMismatch(token, typeName);
    }

    private static Boolean readBoolean(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_STRING) {
            throw serialization("'" + parser.getText().toUpperCase() + "' can not be converted to an Boolean");
        }
        throw typeMismatch(token, "Boolean");
    }

    private static byte[] readBlob(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_EMBEDDED_OBJECT) {
            return parser.getBinaryValue(); // CBOR byte string
        }
        if (token != JsonToken.VALUE_STRING) {
            throw typeMismatch(token, "Blob");
        }
        try {
            return CanonicalBase64.decode(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        } catch (CanonicalBase64.InvalidBase64 e) {
            throw serialization("'" + abbreviate(parser.getText()) + "' can not be converted to a Blob: " + e.getMessage());
        }
    }

    private static Timestamp readTimestamp(JsonParser parser, WireFormat format, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            boolean cborMillis = format == WireFormat.CBOR && token == JsonToken.VALUE_NUMBER_INT
                    && parser instanceof CBORParser cbor && cbor.getCurrentTag() == CBOR_EPOCH_TAG;
            if (cborMillis) {
                return new Timestamp(parser.getLongValue()); // the AWS CBOR convention: tag 1 + integer milliseconds
            }
            BigDecimal seconds = decimalValue(parser, "Timestamp");
            Long millis = floorWithin(seconds.scaleByPowerOfTen(3), Long.MIN_VALUE, Long.MAX_VALUE);
            if (millis == null) {
                throw serialization("'" + shown(seconds) + "' can not be converted to a Timestamp: out of range");
            }
            return new Timestamp(millis);
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return new Timestamp(Instant.parse(parser.getText()).toEpochMilli());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw serialization("'" + abbreviate(parser.getText()) + "' can not be converted to a Timestamp: "
                        + "send epoch seconds as a number or an ISO-8601 instant");
            }
        }
        throw typeMismatch(token, "Timestamp");
    }

    private static List<Object> readList(JsonParser parser, WireFormat format, Shape shape, JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw token == JsonToken.START_OBJECT
                    ? serialization("Start of structure or map found where not expected.")
                    : serialization("Expected list or null");
        }
        List<Object> list = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            list.add(element == JsonToken.VALUE_NULL ? null : readValue(parser, format, shape.value, element));
        }
        return list;
    }

    private static Map<String, Object> readMap(JsonParser parser, WireFormat format, Shape shape, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw token == JsonToken.START_ARRAY
                    ? serialization("Start of list found where not expected")
                    : serialization("Expected map or null");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            map.put(key, valueToken == JsonToken.VALUE_NULL ? null : readValue(parser, format, shape.value, valueToken));
        }
        return map;
    }

    /** The current number; NaN and the infinities (CBOR floats) are refused. */
    private static BigDecimal decimalValue(JsonParser parser, String typeName) throws IOException {
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException e) {
            throw serialization("Numeric value (" + parser.getText() + ") out of range of " + typeName);
        }
    }

    /**
     * floor(value) if it lies in [min, max], else null. Compares before rounding, so a number
     * like 1e100000000 costs nothing (rounding it first would build a 300-million-bit integer).
     */
    private static Long floorWithin(BigDecimal value, long min, long max) {
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max).add(BigDecimal.ONE)) >= 0) {
            return null;
        }
        if (value.abs().compareTo(BigDecimal.ONE) < 0) {
            return value.signum() < 0 ? -1L : 0L; // also cheap for 1e-100000000
        }
        return value.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** A number for a message: plain when short, else as written in scientific notation. */
    private static String shown(BigDecimal value) {
        int exponent = value.precision() - value.scale();
        return exponent > -20 && exponent < 40 ? value.toPlainString() : value.toString();
    }

    private static KinesisException typeMismatch(JsonToken found, String expected) {
        if (found == null) {
            return serialization("The request body ended before a complete object was read");
        }
        boolean container = expected.equals("structure");
        return switch (found) {
            case START_OBJECT -> serialization("Start of structure or map found where not expected.");
            case START_ARRAY -> serialization("Start of list found where not expected");
            case VALUE_TRUE, VALUE_FALSE -> container ? serialization("Expected null")
                    : serialization("class java.lang.Boolean can not be converted to " + article(expected));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> container ? serialization("Expected null")
                    : serialization("class java.math.BigDecimal can not be converted to " + article(expected));
            case VALUE_STRING -> container ? serialization("Expected null")
                    : serialization("class java.lang.String can not be converted to " + article(expected));
            case VALUE_EMBEDDED_OBJECT -> serialization("class java.nio.ByteBuffer can not be converted to " + article(expected));
            default -> serialization("Unexpected " + found + " where " + expected + " was expected");
        };
    }

    private static String article(String typeName) {
        return (typeName.equals("Blob") || typeName.equals("Timestamp") ? "a " : "an ") + typeName;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static KinesisException serialization(String message) {
        return new KinesisException(ErrorCode.SerializationException, message);
    }
}
