package wildrydes.tables.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One member of a request shape with its wire type and constraints, declared as data (as the
 * service model declares them); {@link RequestReader} checks types and {@link Constraints} the
 * constraints, in declaration order, with DynamoDB's messages.
 */
final class Field {
    enum Type { STRING, INTEGER, LONG, BOOLEAN, BLOB, LIST, MAP, STRUCT, ATTRIBUTE }

    /** How a failed constraint is worded: the classic {@code Value 'x' at 'name'}, or the newer {@code Value at 'Name'}. */
    enum Style { CLASSIC, NEW }

    final String name;
    final Type type;
    final String javaType; // for messages about maps, lists and structures
    boolean required;
    boolean notNull;
    Long minLength;
    Long maxLength;
    Long min;
    Long max;
    Pattern pattern;
    List<String> values;
    Field element; // list elements, map values
    Field keys; // map keys' constraints
    Long valueMinLength; // map values' lengths (BatchWriteItem's 1 to 25 requests per table)
    Long valueMaxLength;
    Style style = Style.CLASSIC;
    boolean patternOnlyWhenNotEmpty;
    boolean tableNameOrArn;
    final Map<String, Field> members = new LinkedHashMap<>();

    private Field(String name, Type type, String javaType) {
        this.name = name;
        this.type = type;
        this.javaType = javaType;
    }

    static Field string(String name) {
        return new Field(name, Type.STRING, "java.lang.String");
    }

    static Field integer(String name) {
        return new Field(name, Type.INTEGER, "java.lang.Integer");
    }

    static Field longNumber(String name) {
        return new Field(name, Type.LONG, "java.lang.Long");
    }

    static Field bool(String name) {
        return new Field(name, Type.BOOLEAN, "java.lang.Boolean");
    }

    static Field blob(String name) {
        return new Field(name, Type.BLOB, "java.nio.ByteBuffer");
    }

    /** An AttributeValue ({@code {"S": "x"}}); {@code inCollection} when it is a list element or map value. */
    static Field attribute(String name) {
        return new Field(name, Type.ATTRIBUTE, "AttributeValue");
    }

    /** A map of attribute names to AttributeValues: an item, a key, ExpressionAttributeValues. */
    static Field attributeMap(String name) {
        return map(name, "AttributeValue", attribute("member"));
    }

    static Field list(String name, Field element) {
        Field f = new Field(name, Type.LIST, "java.util.List");
        f.element = element;
        return f;
    }

    /** A map whose values are {@code element}; {@code valueType} names them in messages (e.g. "AttributeValue"). */
    static Field map(String name, String valueType, Field element) {
        Field f = new Field(name, Type.MAP, valueType);
        f.element = element;
        return f;
    }

    /** A structure of the named model type (e.g. "KeySchemaElement"). */
    static Field struct(String name, String modelType, Field... members) {
        Field f = new Field(name, Type.STRUCT, modelType);
        for (Field m : members) {
            f.members.put(m.name, m);
        }
        return f;
    }

    Field required() {
        this.required = true;
        return this;
    }

    Field notNull() {
        this.notNull = true;
        return this;
    }

    Field length(long minimum, long maximum) {
        this.minLength = minimum;
        this.maxLength = maximum;
        return this;
    }

    Field minLength(long minimum) {
        this.minLength = minimum;
        return this;
    }

    Field range(long minimum, long maximum) {
        this.min = minimum;
        this.max = maximum;
        return this;
    }

    Field min(long minimum) {
        this.min = minimum;
        return this;
    }

    Field pattern(String regex) {
        this.pattern = Pattern.compile(regex);
        return this;
    }

    Field patternWhenNotEmpty(String regex) {
        this.patternOnlyWhenNotEmpty = true;
        return pattern(regex);
    }

    Field oneOf(String... allowed) {
        this.values = List.of(allowed);
        return this;
    }

    Field keys(Field keyConstraints) {
        this.keys = keyConstraints;
        return this;
    }

    Field valueLength(long minimum, long maximum) {
        this.valueMinLength = minimum;
        this.valueMaxLength = maximum;
        return this;
    }

    /** A TableName that may also be a table ARN (whose length and characters are an ARN's). */
    Field orArn() {
        this.tableNameOrArn = true;
        return this;
    }

    Field newStyle() {
        this.style = Style.NEW;
        return this;
    }
}
