package wildrydes.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import wildrydes.errors.ErrorCode;
import wildrydes.errors.KinesisException;

/**
 * Checks a decoded request against its shape's constraints and reports every violation in
 * one ValidationException, worded as AWS words it:
 * {@code 2 validation errors detected: Value 'a b' at 'streamName' failed to satisfy
 * constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value ...}.
 */
public final class ConstraintValidator {
    private static final int MAX_REPORTED = 10;

    private ConstraintValidator() {
    }

    public static void validate(Struct input, Shape shape) {
        List<String> errors = new ArrayList<>(0);
        checkStruct(input, shape, "", errors);
        if (!errors.isEmpty()) {
            String count = errors.size() + " validation error" + (errors.size() > 1 ? "s" : "") + " detected: ";
            throw new KinesisException(ErrorCode.ValidationException, count + String.join("; ", errors));
        }
    }

    private static void checkStruct(Struct struct, Shape shape, String parent, List<String> errors) {
        for (Member member : shape.members.values()) {
            String path = parent + member.pathName();
            Object value = struct.get(member.name());
            if (value == null) {
                if (member.required()) {
                    report(errors, null, path, "Member must not be null");
                }
                continue;
            }
            checkValue(value, member.shape(), path, errors);
        }
    }

    private static void checkValue(Object value, Shape shape, String path, List<String> errors) {
        if (shape.pattern != null && !shape.pattern.matcher((String) value).matches()) {
            report(errors, value, path, "Member must satisfy regular expression pattern: " + shape.pattern.pattern());
        }
        long length = lengthOf(value);
        if (shape.minLength != null && length < shape.minLength) {
            report(errors, value, path, "Member must have length greater than or equal to " + shape.minLength);
        }
        if (shape.maxLength != null && length > shape.maxLength) {
            report(errors, value, path, "Member must have length less than or equal to " + shape.maxLength);
        }
        if (shape.min != null && (Long) value < shape.min) {
            report(errors, value, path, "Member must have value greater than or equal to " + shape.min);
        }
        if (shape.max != null && (Long) value > shape.max) {
            report(errors, value, path, "Member must have value less than or equal to " + shape.max);
        }
        if (shape.enumValues != null && !shape.enumValues.contains(value)) {
            report(errors, value, path, "Member must satisfy enum value set: [" + String.join(", ", shape.enumValues) + "]");
        }
        switch (shape.kind) {
            case STRUCTURE -> checkStruct((Struct) value, shape, path + ".", errors);
            case LIST -> {
                List<?> list = (List<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    Object element = list.get(i);
                    String elementPath = path + "." + (i + 1) + ".member";
                    if (element == null) {
                        report(errors, null, elementPath, "Member must not be null");
                    } else {
                        checkValue(element, shape.value, elementPath, errors);
                    }
                }
            }
            case MAP -> {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    if (shape.key != null) {
                        checkMapKey((String) entry.getKey(), shape.key, path, errors);
                    }
                    if (entry.getValue() != null) {
                        checkValue(entry.getValue(), shape.value, path + "." + entry.getKey() + ".member", errors);
                    }
                }
            }
            default -> { }
        }
    }

    private static void checkMapKey(String key, Shape keyShape, String path, List<String> errors) {
        if ((keyShape.minLength != null && key.length() < keyShape.minLength)
                || (keyShape.maxLength != null && key.length() > keyShape.maxLength)) {
            report(errors, key, path, "Map keys must satisfy constraint: [Member must have length less than or equal to "
                    + keyShape.maxLength + ", Member must have length greater than or equal to " + keyShape.minLength + "]");
        }
    }

    private static long lengthOf(Object value) {
        if (value instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof List<?> l) {
            return l.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        return 0;
    }

    private static void report(List<String> errors, Object value, String path, String constraint) {
        if (errors.size() >= MAX_REPORTED) {
            return;
        }
        String shown = value == null ? "null" : "'" + describe(value) + "'";
        errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    private static String describe(Object value) {
        if (value instanceof byte[] b) {
            return "java.nio.HeapByteBuffer[pos=0 lim=" + b.length + " cap=" + b.length + "]";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConstraintValidator::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }
}
