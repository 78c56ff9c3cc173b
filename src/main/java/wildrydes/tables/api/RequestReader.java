package wildrydes.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wildrydes.tables.item.Bytes;

/**
 * Reads a request body against its fields: values of the wrong JSON type are a
 * SerializationException worded as DynamoDB words it; unknown members and nulls are ignored.
 * Strings stay strings, numbers become Long, booleans Boolean, blobs {@link Bytes}, lists and
 * maps Java collections, structures maps; AttributeValues stay JSON (checked for shape only:
 * {@link AttributeValues} reads them once the constraints have passed, as DynamoDB orders it).
 */
final class RequestReader {
    private static final String DYNAMO = "com.amazonaws.dynamodb.v20120810.";

    private RequestReader() {
    }

    static Map<String, Object> read(JsonNode body, Map<String, Field> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : fields.values()) {
            JsonNode node = body.get(field.name);
            if (node != null && !node.isNull()) {
                values.put(field.name, value(node, field, false));
            }
        }
        return values;
    }

    private static Object value(JsonNode node, Field field, boolean inCollection) {
        return switch (field.type) {
            case STRING -> scalar(node, "String", field) ? node.asText() : null;
            case INTEGER, LONG -> {
                String type = field.type == Field.Type.INTEGER ? "Integer" : "Long";
                if (node.isBoolean()) {
                    throw SerializationError.of((node.asBoolean() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + type);
                }
                if (node.isTextual()) {
                    throw SerializationError.of("STRING_VALUE cannot be converted to " + type);
                }
                container(node, "class java.lang." + type);
                yield node.isIntegralNumber() ? node.asLong() : (long) Math.floor(node.asDouble());
            }
            case BOOLEAN -> {
                if (node.isNumber()) {
                    throw SerializationError.of((node.isIntegralNumber() ? "NUMBER_VALUE" : "DECIMAL_VALUE") + " cannot be converted to Boolean");
                }
                if (node.isTextual()) {
                    String text = node.asText().toUpperCase(Locale.ROOT);
                    if (List.of("TRUE", "1", "YES").contains(text)) {
                        yield Boolean.TRUE;
                    }
                    if (List.of("FALSE", "0", "NO").contains(text)) {
                        yield Boolean.FALSE;
                    }
                    throw SerializationError.of("Unexpected token received from parser");
                }
                container(node, "class java.lang.Boolean");
                yield node.asBoolean();
            }
            case BLOB -> blob(node);
            case LIST -> {
                if (!node.isContainerNode()) {
                    throw SerializationError.of("Unexpected field type");
                }
                if (node.isObject()) {
                    throw SerializationError.of("Start of structure or map found where not expected");
                }
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(element.isNull() ? null : value(element, field.element, true));
                }
                yield list;
            }
            case MAP -> {
                if (!node.isContainerNode()) {
                    throw SerializationError.of("Unexpected field type");
                }
                if (node.isArray()) {
                    String valueType = field.javaType.contains(".") ? field.javaType : DYNAMO + field.javaType;
                    throw SerializationError.of("Unrecognized collection type java.util.Map<java.lang.String, " + valueType + ">");
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), e.getValue().isNull() ? null : value(e.getValue(), field.element, true));
                }
                yield map;
            }
            case STRUCT -> {
                if (!node.isContainerNode()) {
                    throw SerializationError.of(inCollection ? "Unexpected value type in payload" : "Unexpected field type");
                }
                if (node.isArray()) {
                    throw SerializationError.of("Unrecognized collection type class " + DYNAMO + field.javaType);
                }
                yield read(node, field.members);
            }
            case ATTRIBUTE -> {
                checkAttribute(node, inCollection);
                yield node;
            }
        };
    }

    /** Whether the node is a string; throws DynamoDB's error for any other type. */
    private static boolean scalar(JsonNode node, String type, Field field) {
        if (node.isBoolean()) {
            throw SerializationError.of((node.asBoolean() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + type);
        }
        if (node.isNumber()) {
            throw SerializationError.of((node.isIntegralNumber() ? "NUMBER_VALUE" : "DECIMAL_VALUE") + " cannot be converted to " + type);
        }
        container(node, "class java.lang." + type);
        return true;
    }

    private static void container(JsonNode node, String javaClass) {
        if (node.isArray()) {
            throw SerializationError.of("Unrecognized collection type " + javaClass);
        }
        if (node.isObject()) {
            throw SerializationError.of("Start of structure or map found where not expected");
        }
    }

    static Bytes blob(JsonNode node) {
        if (node.isBoolean() || node.isNumber()) {
            throw SerializationError.of("only base-64-encoded strings are convertible to bytes");
        }
        container(node, "class java.nio.ByteBuffer");
        String text = node.asText();
        if (text.length() % 4 != 0) {
            throw SerializationError.of("Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
                throw SerializationError.of("Invalid last non-pad Base64 character dectected");
            }
            return Bytes.wrap(bytes);
        } catch (IllegalArgumentException e) {
            throw SerializationError.of("Invalid last non-pad Base64 character dectected");
        }
    }

    /** The shape of an AttributeValue object and everything in it (types only). */
    static void checkAttribute(JsonNode node, boolean inCollection) {
        if (!node.isContainerNode()) {
            throw SerializationError.of(inCollection ? "Unexpected value type in payload" : "Unexpected field type");
        }
        if (node.isArray()) {
            throw SerializationError.of("Unrecognized collection type class " + DYNAMO + "AttributeValue");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            switch (e.getKey()) {
                case "S", "N" -> scalar(v, "String", null);
                case "B" -> blob(v);
                case "BOOL", "NULL" -> value(v, Field.bool(e.getKey()), false);
                case "SS", "NS" -> listOf(v, el -> scalar(el, "String", null));
                case "BS" -> listOf(v, RequestReader::blob);
                case "L" -> listOf(v, el -> checkAttribute(el, true));
                case "M" -> {
                    if (!v.isContainerNode()) {
                        throw SerializationError.of("Unexpected field type");
                    }
                    if (v.isArray()) {
                        throw SerializationError.of("Unrecognized collection type java.util.Map<java.lang.String, " + DYNAMO + "AttributeValue>");
                    }
                    v.fields().forEachRemaining(m -> {
                        if (!m.getValue().isNull()) {
                            checkAttribute(m.getValue(), true);
                        }
                    });
                }
                default -> {
                }
            }
        }
    }

    private static void listOf(JsonNode v, java.util.function.Consumer<JsonNode> check) {
        if (!v.isContainerNode()) {
            throw SerializationError.of("Unexpected field type");
        }
        if (v.isObject()) {
            throw SerializationError.of("Start of structure or map found where not expected");
        }
        for (JsonNode el : v) {
            if (!el.isNull()) {
                check.accept(el);
            }
        }
    }
}
