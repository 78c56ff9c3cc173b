package wildrydes.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded structure: member name to value. Values are String, Long (integers and longs),
 * Boolean, byte[] (blobs), {@link Timestamp}, List, Map&lt;String,Object&gt; or Struct.
 * Absent and null members are simply missing.
 */
public final class Struct {
    private final Map<String, Object> values = new LinkedHashMap<>();

    void put(String name, Object value) {
        values.put(name, value);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Object get(String name) {
        return values.get(name);
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    public Long longValue(String name) {
        return (Long) values.get(name);
    }

    public int intValue(String name, int defaultValue) {
        Long v = (Long) values.get(name);
        return v == null ? defaultValue : v.intValue();
    }

    public Boolean bool(String name) {
        return (Boolean) values.get(name);
    }

    public boolean bool(String name, boolean defaultValue) {
        Boolean v = (Boolean) values.get(name);
        return v == null ? defaultValue : v;
    }

    public byte[] blob(String name) {
        return (byte[]) values.get(name);
    }

    public Timestamp timestamp(String name) {
        return (Timestamp) values.get(name);
    }

    public Struct struct(String name) {
        return (Struct) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> list(String name) {
        return (List<T>) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        return (Map<String, Object>) values.get(name);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
