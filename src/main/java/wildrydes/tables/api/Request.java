package wildrydes.tables.api;

import java.util.List;
import java.util.Map;
import wildrydes.tables.item.AttributeValue;

/** A request after type and constraint checks: typed access to its members. */
final class Request {
    private final Map<String, Object> values;

    Request(Map<String, Object> values) {
        this.values = values;
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    Object raw(String name) {
        return values.get(name);
    }

    String string(String name) {
        return (String) values.get(name);
    }

    Long number(String name) {
        return (Long) values.get(name);
    }

    Integer integer(String name) {
        Long n = (Long) values.get(name);
        return n == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    Boolean optionalBool(String name) {
        return (Boolean) values.get(name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> struct(String name) {
        return (Map<String, Object>) values.get(name);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String name) {
        return (List<Object>) values.get(name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String name) {
        return (Map<String, Object>) values.get(name);
    }

    /** An attribute map member (Item, Key, ExpressionAttributeValues ...), read and checked; null when absent. */
    Map<String, AttributeValue> attributes(String name) {
        return AttributeValues.map(values.get(name));
    }

    @SuppressWarnings("unchecked")
    Map<String, String> strings(String name) {
        return (Map<String, String>) values.get(name);
    }

    /** A nested structure as a request of its own. */
    static Request of(Object struct) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) struct;
        return new Request(map);
    }
}
