package wildrydes.tables.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wildrydes.tables.TablesException;
import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.Bytes;
import wildrydes.tables.item.Numbers;

/** AttributeValues between JSON and {@link AttributeValue}, refusing what DynamoDB refuses, with its messages. */
final class AttributeValues {
    private static final List<String> TYPES = List.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M");
    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeValues() {
    }

    /** A map of names to values (an item, a key, ExpressionAttributeValues); null stays null. */
    @SuppressWarnings("unchecked")
    static Map<String, AttributeValue> map(Object raw) {
        if (raw == null) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) raw).entrySet()) {
            if (e.getValue() != null) {
                out.put(e.getKey(), value((JsonNode) e.getValue()));
            }
        }
        return out;
    }

    /** One value, checked as DynamoDB checks it (after the request's constraints). */
    static AttributeValue value(JsonNode node) {
        List<String> present = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String type = it.next();
            if (TYPES.contains(type) && !node.get(type).isNull()) {
                present.add(type);
            }
        }
        if (present.isEmpty()) {
            throw TablesException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        AttributeValue value = null;
        for (String type : present) {
            AttributeValue v = convert(type, node.get(type));
            if (value == null) {
                value = v;
            }
        }
        if (present.size() > 1) {
            throw TablesException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        return value;
    }

    private static AttributeValue convert(String type, JsonNode v) {
        return switch (type) {
            case "S" -> new AttributeValue.S(v.asText());
            case "N" -> new AttributeValue.N(number(v.asText()));
            case "B" -> new AttributeValue.B(RequestReader.blob(v));
            case "BOOL" -> v.isBoolean() ? AttributeValue.Bool.of(v.asBoolean()) : AttributeValue.Bool.of(bool(v.asText()));
            case "NULL" -> {
                boolean isNull = v.isBoolean() ? v.asBoolean() : bool(v.asText());
                if (!isNull) {
                    throw TablesException.validation(INVALID + "Null attribute value types must have the value of true");
                }
                yield AttributeValue.Null.INSTANCE;
            }
            case "SS" -> {
                List<String> values = new ArrayList<>();
                v.forEach(e -> values.add(e.asText()));
                if (values.isEmpty()) {
                    throw TablesException.validation(INVALID + "An string set  may not be empty");
                }
                if (new HashSet<>(values).size() != values.size()) {
                    throw TablesException.validation(INVALID + "Input collection " + values + " contains duplicates.");
                }
                yield new AttributeValue.SS(values);
            }
            case "NS" -> {
                List<BigDecimal> values = new ArrayList<>();
                if (v.isEmpty()) {
                    throw TablesException.validation(INVALID + "An number set  may not be empty");
                }
                v.forEach(e -> values.add(number(e.asText())));
                if (new HashSet<>(values).size() != values.size()) {
                    throw TablesException.validation("Input collection contains duplicates");
                }
                yield new AttributeValue.NS(values);
            }
            case "BS" -> {
                List<Bytes> values = new ArrayList<>();
                v.forEach(e -> values.add(RequestReader.blob(e)));
                if (values.isEmpty()) {
                    throw TablesException.validation(INVALID + "Binary sets should not be empty");
                }
                Set<Bytes> distinct = new HashSet<>(values);
                if (distinct.size() != values.size()) {
                    throw TablesException.validation(INVALID + "Input collection " + values + "of type BS contains duplicates.");
                }
                yield new AttributeValue.BS(values);
            }
            case "L" -> {
                List<AttributeValue> values = new ArrayList<>();
                v.forEach(e -> {
                    if (!e.isNull()) {
                        values.add(value(e));
                    }
                });
                yield new AttributeValue.L(values);
            }
            default -> {
                Map<String, AttributeValue> values = new LinkedHashMap<>();
                v.fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        values.put(e.getKey(), value(e.getValue()));
                    }
                });
                yield new AttributeValue.M(values);
            }
        };
    }

    private static boolean bool(String text) {
        return List.of("TRUE", "1", "YES").contains(text.toUpperCase(java.util.Locale.ROOT));
    }

    private static BigDecimal number(String text) {
        try {
            return Numbers.parse(text);
        } catch (Numbers.InvalidNumberException e) {
            throw TablesException.validation(e.getMessage());
        }
    }

    // ---- writing

    static void writeItem(JsonGenerator out, Map<String, AttributeValue> item) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            out.writeFieldName(e.getKey());
            write(out, e.getValue());
        }
        out.writeEndObject();
    }

    static void write(JsonGenerator out, AttributeValue value) throws IOException {
        out.writeStartObject();
        out.writeFieldName(value.type());
        switch (value) {
            case AttributeValue.S s -> out.writeString(s.value());
            case AttributeValue.N n -> out.writeString(n.text());
            case AttributeValue.B b -> out.writeString(b.value().base64());
            case AttributeValue.Bool b -> out.writeBoolean(b.value());
            case AttributeValue.Null ignored -> out.writeBoolean(true);
            case AttributeValue.SS ss -> {
                out.writeStartArray();
                for (String s : ss.values()) {
                    out.writeString(s);
                }
                out.writeEndArray();
            }
            case AttributeValue.NS ns -> {
                out.writeStartArray();
                for (BigDecimal n : ns.values()) {
                    out.writeString(Numbers.text(n));
                }
                out.writeEndArray();
            }
            case AttributeValue.BS bs -> {
                out.writeStartArray();
                for (Bytes b : bs.values()) {
                    out.writeString(b.base64());
                }
                out.writeEndArray();
            }
            case AttributeValue.L l -> {
                out.writeStartArray();
                for (AttributeValue v : l.values()) {
                    write(out, v);
                }
                out.writeEndArray();
            }
            case AttributeValue.M m -> writeItem(out, m.values());
        }
        out.writeEndObject();
    }
}
