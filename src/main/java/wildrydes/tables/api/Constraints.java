package wildrydes.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import wildrydes.tables.TablesException;
import wildrydes.tables.item.Bytes;

/**
 * Checks the declared constraints of a read request, as DynamoDB's front end does: first a
 * missing required parameter, then every constraint violation (up to ten) in one
 * ValidationException, e.g. {@code 1 validation error detected: Value 'ab' at 'tableName'
 * failed to satisfy constraint: Member must have length greater than or equal to 3}.
 */
final class Constraints {
    private static final int MAX_REPORTED = 10;

    private Constraints() {
    }

    static void check(Map<String, Object> request, Map<String, Field> fields) {
        for (Field f : fields.values()) {
            if (f.required && request.get(f.name) == null) {
                throw TablesException.validation("The parameter '" + f.name + "' is required but was not present in the request");
            }
        }
        List<String> errors = new ArrayList<>();
        members(request, fields, "", "", errors);
        if (!errors.isEmpty()) {
            throw TablesException.validation(errors.size() + " validation error" + (errors.size() > 1 ? "s" : "") + " detected: "
                    + String.join("; ", errors));
        }
    }

    private static void members(Map<String, Object> struct, Map<String, Field> fields, String parent, String wireParent,
                                List<String> errors) {
        for (Field f : fields.values()) {
            field(struct.get(f.name), f, parent + lowerFirst(f.name), wireParent + f.name, errors);
        }
    }

    @SuppressWarnings("unchecked")
    private static void field(Object value, Field f, String path, String wirePath, List<String> errors) {
        if (value == null) {
            if (f.notNull) {
                report(errors, f, null, path, wirePath, "Member must not be null");
            }
            return;
        }
        if (f.tableNameOrArn && value instanceof String s && s.startsWith("arn:")) {
            if (s.length() > 1024) {
                report(errors, f, value, path, wirePath, "Member must have length less than or equal to 1024");
            }
            return;
        }
        if (f.pattern != null && value instanceof String s && !(f.patternOnlyWhenNotEmpty && s.isEmpty())
                && !f.pattern.matcher(s).matches()) {
            report(errors, f, value, path, wirePath, "Member must satisfy regular expression pattern: " + f.pattern.pattern());
        }
        long length = length(value);
        if (f.minLength != null && length < f.minLength) {
            report(errors, f, value, path, wirePath, "Member must have length greater than or equal to " + f.minLength);
        }
        if (f.maxLength != null && length > f.maxLength) {
            report(errors, f, value, path, wirePath, "Member must have length less than or equal to " + f.maxLength);
        }
        if (f.min != null && value instanceof Long n && n < f.min) {
            report(errors, f, value, path, wirePath, "Member must have value greater than or equal to " + f.min);
        }
        if (f.max != null && value instanceof Long n && n > f.max) {
            report(errors, f, value, path, wirePath, "Member must have value less than or equal to " + f.max);
        }
        if (f.values != null && value instanceof String s && !f.values.contains(s)) {
            report(errors, f, value, path, wirePath, "Member must satisfy enum value set: [" + String.join(", ", f.values) + "]");
        }
        if (f.keys != null && value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                String k = (String) key;
                Field c = f.keys;
                boolean bad = (c.minLength != null && k.length() < c.minLength) || (c.maxLength != null && k.length() > c.maxLength)
                        || (c.pattern != null && !c.pattern.matcher(k).matches());
                if (bad) {
                    report(errors, f, value, path, wirePath, "Map keys must satisfy constraint: [" + describe(c) + "]");
                }
            }
        }
        if (f.valueMaxLength != null && value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                long n = length(v);
                if (n < f.valueMinLength || n > f.valueMaxLength) {
                    report(errors, f, value, path, wirePath, "Map value must satisfy constraint: [Member must have length less than or equal to "
                            + f.valueMaxLength + ", Member must have length greater than or equal to " + f.valueMinLength + "]");
                }
            }
        }
        switch (f.type) {
            case STRUCT -> members((Map<String, Object>) value, f.members, path + ".", wirePath + ".", errors);
            case LIST -> {
                List<Object> list = (List<Object>) value;
                for (int i = 0; i < list.size(); i++) {
                    field(list.get(i), f.element, path + "." + (i + 1) + ".member", wirePath + "." + (i + 1) + ".member", errors);
                }
            }
            case MAP -> {
                for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                    field(e.getValue(), f.element, path + "." + e.getKey() + ".member", wirePath + "." + e.getKey() + ".member", errors);
                }
            }
            default -> {
            }
        }
    }

    private static String describe(Field c) {
        List<String> parts = new ArrayList<>();
        if (c.maxLength != null) {
            parts.add("Member must have length less than or equal to " + c.maxLength);
        }
        if (c.minLength != null) {
            parts.add("Member must have length greater than or equal to " + c.minLength);
        }
        if (c.pattern != null) {
            parts.add("Member must satisfy regular expression pattern: " + c.pattern.pattern());
        }
        return String.join(", ", parts);
    }

    private static long length(Object value) {
        return switch (value) {
            case String s -> s.codePointCount(0, s.length());
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            case Bytes b -> b.length();
            default -> 0;
        };
    }

    private static void report(List<String> errors, Field f, Object value, String path, String wirePath, String constraint) {
        if (errors.size() >= MAX_REPORTED) {
            return;
        }
        if (f.style == Field.Style.NEW) {
            errors.add("Value at '" + wirePath + "' failed to satisfy constraint: " + constraint);
            return;
        }
        String shown = value == null ? "null" : "'" + show(value) + "'";
        errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    static String show(Object value) {
        return switch (value) {
            case List<?> list -> list.stream().map(v -> v == null ? "null" : show(v)).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> map.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() == null ? "null" : show(e.getValue())))
                    .collect(Collectors.joining(", ", "{", "}"));
            case JsonNode node -> node.toString();
            default -> String.valueOf(value);
        };
    }

    static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
