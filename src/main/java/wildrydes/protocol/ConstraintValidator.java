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
                if (member.required() || (member.unlessPresent() != null && struct.get(member.unlessPresent()) == null)) {
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
            report(errors, value, shape, path, "Member must have length greater than or equal to " + shape.minLength);
        }
        if (shape.maxLength != null && length > shape.maxLength) {
            report(errors, value, shape, path, "Member must have length less than or equal to " + shape.maxLength);
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
            case LIST -> checkList((List<?>) value, shape, path, errors);
            case MAP -> checkMap((Map<?, ?>) value, shape, path, errors);
            default -> { }
        }
    }

    /**
     * A list of structures has its members checked one by one ({@code records.1.member.data});
     * a list of plain values is reported once, as AWS reports it: the whole list, and every
     * constraint of its member ("Member must satisfy constraint: [...]").
     */
    private static void checkList(List<?> list, Shape shape, String path, List<String> errors) {
        boolean plain = shape.value.kind != Shape.Kind.STRUCTURE;
        boolean memberFails = false;
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            String elementPath = path + "." + (i + 1) + ".member";
            if (element == null) {
                report(errors, null, elementPath, "Member must not be null");
            } else if (plain) {
                memberFails |= !satisfies(element, shape.value);
            } else {
                checkValue(element, shape.value, elementPath, errors);
            }
        }
        if (memberFails) {
            report(errors, list, path, "Member must satisfy constraint: [" + constraints(shape.value) + "]");
        }
    }

    /** A map is reported once for its keys and once for its values, with the whole map and every constraint, as AWS does. */
    private static void checkMap(Map<?, ?> map, Shape shape, String path, List<String> errors) {
        boolean keyFails = false;
        boolean valueFails = false;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            keyFails |= shape.key != null && !satisfies(entry.getKey(), shape.key);
            if (entry.getValue() == null) {
                continue;
            }
            if (shape.value.kind == Shape.Kind.STRUCTURE) {
                checkValue(entry.getValue(), shape.value, path + "." + entry.getKey() + ".member", errors);
            } else {
                valueFails |= !satisfies(entry.getValue(), shape.value);
            }
        }
        if (keyFails) {
            report(errors, map, path, "Map keys must satisfy constraint: [" + constraints(shape.key) + "]");
        }
        if (valueFails) {
            report(errors, map, path, "Map value must satisfy constraint: [" + constraints(shape.value) + "]");
        }
    }

    private static boolean satisfies(Object value, Shape shape) {
        List<String> found = new ArrayList<>(0);
        checkValue(value, shape, "", found);
        return found.isEmpty();
    }

    /** Every constraint of a shape, in the order AWS lists them (the longest length first). */
    private static String constraints(Shape shape) {
        List<String> all = new ArrayList<>();
        if (shape.maxLength != null) {
            all.add("Member must have length less than or equal to " + shape.maxLength);
        }
        if (shape.minLength != null) {
            all.add("Member must have length greater than or equal to " + shape.minLength);
        }
        if (shape.max != null) {
            all.add("Member must have value less than or equal to " + shape.max);
        }
        if (shape.min != null) {
            all.add("Member must have value greater than or equal to " + shape.min);
        }
        if (shape.pattern != null) {
            all.add("Member must satisfy regular expression pattern: " + shape.pattern.pattern());
        }
        if (shape.enumValues != null) {
            all.add("Member must satisfy enum value set: [" + String.join(", ", shape.enumValues) + "]");
        }
        return String.join(", ", all);
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
        report(errors, value, null, path, constraint);
    }

    /** @param shape the value's shape, where it names the Java class AWS prints for a structure; may be null */
    private static void report(List<String> errors, Object value, Shape shape, String path, String constraint) {
        if (errors.size() >= MAX_REPORTED) {
            return;
        }
        String shown = value == null ? "null" : "'" + describe(value, shape) + "'";
        errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    /** A value as AWS's Java service prints it (toString of its own objects). */
    private static String describe(Object value, Shape shape) {
        if (value instanceof byte[] b) {
            return "java.nio.HeapByteBuffer[pos=0 lim=" + b.length + " cap=" + b.length + "]";
        }
        if (value instanceof List<?> list) {
            Shape member = shape == null ? null : shape.value;
            return list.stream().map(v -> describe(v, member)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Struct) {
            // Object.toString of AWS's class: its name and hash code. Coral's hash function is not public, so
            // every structure gets the one recorded (kinesalite: 501 empty PutRecords entries, each @c965e310).
            return (shape == null || shape.javaClass == null ? "com.amazonaws.Structure" : shape.javaClass) + "@c965e310";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }
}
