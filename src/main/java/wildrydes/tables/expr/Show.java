package wildrydes.tables.expr;

import wildrydes.tables.item.AttributeValue;
import wildrydes.tables.item.Values;

/** How DynamoDB's messages show paths and values. */
final class Show {
    private Show() {
    }

    static String value(AttributeValue value) {
        return Values.text(value);
    }

    /** The overlap or conflict message for two paths written by one expression, or null when they are independent. */
    static String overlap(DocPath one, DocPath two) {
        int common = Math.min(one.size(), two.size());
        for (int i = 0; i < common; i++) {
            Object a = one.get(i);
            Object b = two.get(i);
            if (a.getClass() != b.getClass()) {
                return "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
                        + one + ", path two: " + two;
            }
            if (!a.equals(b)) {
                return null;
            }
        }
        return "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                + one + ", path two: " + two;
    }
}
