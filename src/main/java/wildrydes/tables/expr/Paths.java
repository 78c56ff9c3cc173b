package wildrydes.tables.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wildrydes.tables.item.AttributeValue;

/** Reading document paths from items, and projecting items onto paths. */
public final class Paths {
    private Paths() {
    }

    /** The value at the path, or null when the item has nothing there. */
    public static AttributeValue get(Map<String, AttributeValue> item, DocPath path) {
        if (item == null) {
            return null;
        }
        AttributeValue current = item.get(path.head());
        for (int i = 1; i < path.size() && current != null; i++) {
            Object element = path.get(i);
            if (element instanceof Integer index) {
                current = current instanceof AttributeValue.L l && index < l.values().size() ? l.values().get(index) : null;
            } else {
                current = current instanceof AttributeValue.M m ? m.values().get((String) element) : null;
            }
        }
        return current;
    }

    /**
     * The parts of the item the paths name, in their nested places (list elements keep their
     * order and close up), as a projection returns them.
     */
    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<DocPath> paths) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (DocPath path : paths) {
            AttributeValue value = get(item, path);
            if (value != null) {
                place(tree, path, value);
            }
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        tree.forEach((name, node) -> result.put(name, build(node)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void place(Map<String, Object> tree, DocPath path, AttributeValue value) {
        Object container = tree;
        for (int i = 0; i < path.size(); i++) {
            Object element = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = null;
            if (!last) {
                next = path.get(i + 1) instanceof Integer ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
            }
            if (container instanceof TreeMap<?, ?> list) {
                TreeMap<Integer, Object> l = (TreeMap<Integer, Object>) list;
                if (last) {
                    l.put((Integer) element, value);
                } else {
                    Object existing = l.get((Integer) element);
                    if (existing == null || existing instanceof AttributeValue) {
                        l.put((Integer) element, next);
                        existing = next;
                    }
                    container = existing;
                }
            } else {
                Map<String, Object> m = (Map<String, Object>) container;
                if (last) {
                    m.put((String) element, value);
                } else {
                    Object existing = m.get((String) element);
                    if (existing == null || existing instanceof AttributeValue) {
                        m.put((String) element, next);
                        existing = next;
                    }
                    container = existing;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue build(Object node) {
        if (node instanceof AttributeValue v) {
            return v;
        }
        if (node instanceof TreeMap<?, ?> list) {
            List<AttributeValue> values = new ArrayList<>();
            for (Object element : list.values()) {
                values.add(build(element));
            }
            return new AttributeValue.L(values);
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        ((Map<String, Object>) node).forEach((k, v) -> values.put(k, build(v)));
        return new AttributeValue.M(values);
    }
}
