package wildrydes.tables.item;

import java.util.Map;

/** Comparisons and sizes as DynamoDB defines them. */
public final class Values {
    /** Largest item: 400 KB, names and values together. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private Values() {
    }

    /** Bytes an item counts for: every attribute name (UTF-8) plus its value. */
    public static int itemSize(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += AttributeValue.utf8Length(e.getKey()) + e.getValue().size();
        }
        return size;
    }

    /** Whether the value is a scalar that orders: S, N or B. */
    public static boolean isOrdered(AttributeValue value) {
        return value instanceof AttributeValue.S || value instanceof AttributeValue.N || value instanceof AttributeValue.B;
    }

    /**
     * Orders two values of the same ordered type (S by UTF-8 bytes, N by value, B unsigned);
     * throws for anything else, so callers check {@link #comparable} first.
     */
    public static int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return compareUtf8(x.value(), y.value());
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("Cannot order " + a.type() + " and " + b.type());
    }

    public static boolean comparable(AttributeValue a, AttributeValue b) {
        return a != null && b != null && isOrdered(a) && a.type().equals(b.type());
    }

    /** UTF-8 byte order, which differs from Java's UTF-16 order for characters above U+FFFF. */
    static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs != ys) {
                    // A surrogate stands for a code point from U+10000, above every BMP character.
                    return xs ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** The value's text as messages show it. */
    public static String text(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> s.value();
            case AttributeValue.N n -> n.text();
            case AttributeValue.B b -> b.value().base64();
            case AttributeValue.Bool b -> Boolean.toString(b.value());
            case AttributeValue.Null ignored -> "true";
            default -> value.toString();
        };
    }
}
