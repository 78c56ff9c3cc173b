package wildrydes.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A case's JSON bodies in CBOR, as the AWS SDK for Java sends and reads them: blobs as byte
 * strings, timestamps as tag 1 and an integer count of epoch milliseconds. Which members are
 * blobs and timestamps comes from the service model (every blob member is named {@code Data};
 * the timestamp members are listed here).
 */
final class CborTranscoder {
    static final Set<String> TIMESTAMPS = Set.of("Timestamp", "StreamCreationTimestamp", "ApproximateArrivalTimestamp",
            "ConsumerCreationTimestamp", "StartedAt", "EndedAt", "EarliestAllowedEndAt");
    static final String BLOB = "Data";
    private static final CBORFactory FACTORY = new CBORFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CborTranscoder() {
    }

    /** A tag-1 timestamp read from CBOR: {@code millis} if its value was an integer, else {@code nonInteger} says what it was. */
    record CborTimestamp(Long millis, String nonInteger) {
        @Override
        public String toString() {
            return millis != null ? "tag1(" + millis + ")" : "tag1(" + nonInteger + ")";
        }
    }

    // ------------------------------------------------------------------ encoding requests

    static byte[] encode(JsonNode body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, null, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(CBORGenerator g, String member, JsonNode node) throws IOException {
        if (node.isObject()) {
            g.writeStartObject(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                g.writeFieldName(field.getKey());
                write(g, field.getKey(), field.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray(node, node.size());
            for (JsonNode element : node) {
                write(g, member, element);
            }
            g.writeEndArray();
        } else if (BLOB.equals(member) && node.isTextual() && base64(node.textValue()) != null) {
            g.writeBinary(base64(node.textValue()));
        } else if (member != null && TIMESTAMPS.contains(member) && node.isNumber()) {
            g.writeTag(1);
            g.writeNumber(Math.round(node.doubleValue() * 1000));
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            g.writeNull();
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            g.writeNumber(node.longValue()); // as the SDKs write integers; a BigInteger would be a tag-2 bignum
        } else if (node.isIntegralNumber()) {
            g.writeNumber(node.bigIntegerValue());
        } else if (node.isNumber()) {
            g.writeNumber(node.doubleValue());
        } else {
            throw new IllegalArgumentException("no CBOR for " + node);
        }
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ expectations in CBOR terms

    /** The expected JSON body as the CBOR answer decodes: blobs as bytes, timestamps as tag 1 milliseconds. */
    static JsonNode expectationInCbor(JsonNode expected, String member) {
        if (expected.isObject()) {
            ObjectNode copy = NODES.objectNode();
            expected.fields().forEachRemaining(f -> copy.set(f.getKey(), expectationInCbor(f.getValue(), f.getKey())));
            return copy;
        }
        if (expected.isArray()) {
            var copy = NODES.arrayNode();
            expected.forEach(e -> copy.add(expectationInCbor(e, member)));
            return copy;
        }
        if (BLOB.equals(member) && expected.isTextual() && !expected.textValue().startsWith("<<")
                && base64(expected.textValue()) != null) {
            return NODES.binaryNode(base64(expected.textValue()));
        }
        if (member != null && TIMESTAMPS.contains(member) && expected.isNumber()) {
            return NODES.pojoNode(new CborTimestamp(Math.round(expected.doubleValue() * 1000), null));
        }
        return expected;
    }

    // ------------------------------------------------------------------ decoding answers

    /** Decodes one CBOR data item (all of {@code bytes}) into a tree; byte strings become binary nodes, tag 1 a {@link CborTimestamp}. */
    static JsonNode decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        JsonNode node = item(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the CBOR data item");
        }
        return node;
    }

    private static final Object BREAK = new Object();

    private static JsonNode item(ByteBuffer in) {
        Object value = itemOrBreak(in);
        if (value == BREAK) {
            throw new IllegalArgumentException("unexpected break");
        }
        return (JsonNode) value;
    }

    private static Object itemOrBreak(ByteBuffer in) {
        int initial = in.get() & 0xFF;
        int major = initial >>> 5;
        int info = initial & 31;
        if (initial == 0xFF) {
            return BREAK;
        }
        switch (major) {
            case 0:
                return NODES.numberNode(unsigned(argument(in, info)));
            case 1:
                return NODES.numberNode(unsigned(argument(in, info)).negate().subtract(BigInteger.ONE));
            case 2:
                return NODES.binaryNode(string(in, info, 2));
            case 3:
                return NODES.textNode(new String(string(in, info, 3), StandardCharsets.UTF_8));
            case 4: {
                var array = NODES.arrayNode();
                if (info == 31) {
                    for (Object e = itemOrBreak(in); e != BREAK; e = itemOrBreak(in)) {
                        array.add((JsonNode) e);
                    }
                } else {
                    long n = argument(in, info);
                    for (long i = 0; i < n; i++) {
                        array.add(item(in));
                    }
                }
                return array;
            }
            case 5: {
                ObjectNode map = NODES.objectNode();
                if (info == 31) {
                    for (Object key = itemOrBreak(in); key != BREAK; key = itemOrBreak(in)) {
                        map.set(((JsonNode) key).asText(), item(in));
                    }
                } else {
                    long n = argument(in, info);
                    for (long i = 0; i < n; i++) {
                        JsonNode key = item(in);
                        if (!key.isTextual()) {
                            throw new IllegalArgumentException("map key is not text: " + key);
                        }
                        map.set(key.textValue(), item(in));
                    }
                }
                return map;
            }
            case 6: {
                long tag = argument(in, info);
                JsonNode tagged = item(in);
                if (tag == 1) {
                    return NODES.pojoNode(tagged.isIntegralNumber() ? new CborTimestamp(tagged.longValue(), null)
                            : new CborTimestamp(null, tagged.toString()));
                }
                return NODES.pojoNode("tag " + tag + " " + tagged);
            }
            default:
                return simple(in, info);
        }
    }

    private static JsonNode simple(ByteBuffer in, int info) {
        return switch (info) {
            case 20 -> NODES.booleanNode(false);
            case 21 -> NODES.booleanNode(true);
            case 22, 23 -> NODES.nullNode();
            case 25 -> NODES.numberNode((double) Float.float16ToFloat(in.getShort()));
            case 26 -> NODES.numberNode((double) in.getFloat());
            case 27 -> NODES.numberNode(in.getDouble());
            default -> throw new IllegalArgumentException("unsupported simple value " + info);
        };
    }

    private static long argument(ByteBuffer in, int info) {
        return switch (info) {
            case 24 -> in.get() & 0xFFL;
            case 25 -> in.getShort() & 0xFFFFL;
            case 26 -> in.getInt() & 0xFFFF_FFFFL;
            case 27 -> in.getLong();
            default -> {
                if (info < 24) {
                    yield info;
                }
                throw new IllegalArgumentException("bad additional information " + info);
            }
        };
    }

    private static BigInteger unsigned(long value) {
        return value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64));
    }

    private static byte[] string(ByteBuffer in, int info, int major) {
        if (info != 31) {
            byte[] bytes = new byte[Math.toIntExact(argument(in, info))];
            in.get(bytes);
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((in.get(in.position()) & 0xFF) != 0xFF) {
            int chunk = in.get() & 0xFF;
            if (chunk >>> 5 != major) {
                throw new IllegalArgumentException("chunk of another type in an indefinite string");
            }
            out.writeBytes(string(in, chunk & 31, major));
        }
        in.get();
        return out.toByteArray();
    }
}
