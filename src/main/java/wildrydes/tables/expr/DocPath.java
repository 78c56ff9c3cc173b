package wildrydes.tables.expr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document path: an attribute name, then map keys (strings) and list indexes (integers),
 * with expression attribute names already resolved.
 */
public record DocPath(List<Object> elements) {
    public DocPath {
        elements = List.copyOf(elements);
    }

    public static DocPath of(String attribute) {
        return new DocPath(List.of(attribute));
    }

    /** The top-level attribute. */
    public String head() {
        return (String) elements.getFirst();
    }

    public boolean isNested() {
        return elements.size() > 1;
    }

    public int size() {
        return elements.size();
    }

    public Object get(int i) {
        return elements.get(i);
    }

    public DocPath parent() {
        return new DocPath(elements.subList(0, elements.size() - 1));
    }

    public Object last() {
        return elements.getLast();
    }

    /** As DynamoDB writes paths in messages: {@code [a, b, [2]]}. */
    @Override
    public String toString() {
        return elements.stream().map(e -> e instanceof Integer i ? "[" + i + "]" : (String) e)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
