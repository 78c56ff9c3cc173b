package wildrydes.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape of a value in a request, with its constraints, as the API model declares it. An
 * action declares its input as a structure shape; the decoder reads the wire format guided by
 * it (type errors are SerializationExceptions) and {@link ConstraintValidator} checks the
 * constraints (ValidationExceptions worded as AWS words them).
 *
 * <p>Shapes are immutable: every refining method returns a new shape.
 */
public final class Shape {

    public enum Kind { STRING, INTEGER, LONG, BOOLEAN, BLOB, TIMESTAMP, LIST, MAP, STRUCTURE }

    final Kind kind;
    final Long minLength;
    final Long maxLength;
    final Long min;
    final Long max;
    final Pattern pattern;
    final List<String> enumValues;
    final Shape key;
    final Shape value;
    final Map<String, Member> members;
    final String javaClass; // the class AWS's service prints for a structure in messages, or null

    private Shape(Kind kind, Long minLength, Long maxLength, Long min, Long max, Pattern pattern,
                  List<String> enumValues, Shape key, Shape value, Map<String, Member> members, String javaClass) {
        this.kind = kind;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.min = min;
        this.max = max;
        this.pattern = pattern;
        this.enumValues = enumValues;
        this.key = key;
        this.value = value;
        this.members = members;
        this.javaClass = javaClass;
    }

    private Shape(Kind kind) {
        this(kind, null, null, null, null, null, null, null, null, null, null);
    }

    public static Shape string() {
        return new Shape(Kind.STRING);
    }

    public static Shape integer() {
        return new Shape(Kind.INTEGER);
    }

    public static Shape longNumber() {
        return new Shape(Kind.LONG);
    }

    public static Shape bool() {
        return new Shape(Kind.BOOLEAN);
    }

    public static Shape blob() {
        return new Shape(Kind.BLOB);
    }

    public static Shape timestamp() {
        return new Shape(Kind.TIMESTAMP);
    }

    public static Shape list(Shape member) {
        return new Shape(Kind.LIST, null, null, null, null, null, null, null, member, null, null);
    }

    public static Shape map(Shape key, Shape value) {
        return new Shape(Kind.MAP, null, null, null, null, null, null, key, value, null, null);
    }

    public static Shape structure(Member... members) {
        Map<String, Member> byName = new LinkedHashMap<>();
        for (Member m : members) {
            byName.put(m.name(), m);
        }
        return new Shape(Kind.STRUCTURE, null, null, null, null, null, null, null, null,
                Collections.unmodifiableMap(byName), null);
    }

    /** Length bounds: characters of a string, bytes of a blob, entries of a list or map. */
    public Shape length(long minLength, long maxLength) {
        return new Shape(kind, minLength, maxLength, min, max, pattern, enumValues, key, value, members, javaClass);
    }

    public Shape minLength(long minLength) {
        return new Shape(kind, minLength, maxLength, min, max, pattern, enumValues, key, value, members, javaClass);
    }

    public Shape range(long min, long max) {
        return new Shape(kind, minLength, maxLength, min, max, pattern, enumValues, key, value, members, javaClass);
    }

    public Shape min(long min) {
        return new Shape(kind, minLength, maxLength, min, max, pattern, enumValues, key, value, members, javaClass);
    }

    public Shape pattern(String regex) {
        return new Shape(kind, minLength, maxLength, min, max, Pattern.compile(regex), enumValues, key, value, members, javaClass);
    }

    public Shape oneOf(String... values) {
        return new Shape(kind, minLength, maxLength, min, max, pattern, List.of(values), key, value, members, javaClass);
    }

    /** The Java class AWS's own service has for this structure, as its messages print it. */
    public Shape javaClass(String className) {
        return new Shape(kind, minLength, maxLength, min, max, pattern, enumValues, key, value, members, className);
    }

    public Kind kind() {
        return kind;
    }

    public Map<String, Member> members() {
        return members;
    }
}
