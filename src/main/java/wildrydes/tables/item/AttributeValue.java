package wildrydes.tables.item;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One DynamoDB value, of one of the ten types. Values are immutable; numbers are kept
 * normalised (see {@link Numbers}), so equal numbers are equal values. Sets compare equal
 * whatever their order, as DynamoDB's do.
 */
public sealed interface AttributeValue {

    /** The type's name on the wire: S, N, B, BOOL, NULL, SS, NS, BS, L or M. */
    String type();

    /** Bytes the value counts for in an item's size. */
    int size();

    record S(String value) implements AttributeValue {
        public String type() {
            return "S";
        }

        public int size() {
            return utf8Length(value);
        }
    }

    record N(BigDecimal value) implements AttributeValue {
        public static N of(String text) {
            return new N(Numbers.parse(text));
        }

        public static N of(long n) {
            return new N(Numbers.checked(BigDecimal.valueOf(n)));
        }

        public String text() {
            return Numbers.text(value);
        }

        public String type() {
            return "N";
        }

        public int size() {
            return Numbers.size(value);
        }
    }

    record B(Bytes value) implements AttributeValue {
        public String type() {
            return "B";
        }

        public int size() {
            return value.length();
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }

        public String type() {
            return "BOOL";
        }

        public int size() {
            return 1;
        }
    }

    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        public String type() {
            return "NULL";
        }

        public int size() {
            return 1;
        }
    }

    record SS(List<String> values) implements AttributeValue {
        public SS {
            values = List.copyOf(values);
        }

        public String type() {
            return "SS";
        }

        public int size() {
            int size = 0;
            for (String s : values) {
                size += utf8Length(s);
            }
            return size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SS other && sameElements(values, other.values);
        }

        @Override
        public int hashCode() {
            return new HashSet<>(values).hashCode();
        }
    }

    record NS(List<BigDecimal> values) implements AttributeValue {
        public NS {
            values = List.copyOf(values);
        }

        public String type() {
            return "NS";
        }

        public int size() {
            int size = 0;
            for (BigDecimal n : values) {
                size += Numbers.size(n);
            }
            return size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NS other && sameElements(values, other.values);
        }

        @Override
        public int hashCode() {
            return new HashSet<>(values).hashCode();
        }
    }

    record BS(List<Bytes> values) implements AttributeValue {
        public BS {
            values = List.copyOf(values);
        }

        public String type() {
            return "BS";
        }

        public int size() {
            int size = 0;
            for (Bytes b : values) {
                size += b.length();
            }
            return size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BS other && sameElements(values, other.values);
        }

        @Override
        public int hashCode() {
            return new HashSet<>(values).hashCode();
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        public String type() {
            return "L";
        }

        public int size() {
            int size = 3;
            for (AttributeValue v : values) {
                size += 1 + v.size();
            }
            return size;
        }
    }

    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public String type() {
            return "M";
        }

        public int size() {
            int size = 3;
            for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                size += 1 + utf8Length(e.getKey()) + e.getValue().size();
            }
            return size;
        }
    }

    static int utf8Length(String s) {
        int length = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return length;
    }

    private static boolean sameElements(List<?> a, List<?> b) {
        return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
    }
}
