package wildrydes.lab.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * Result rows as JSON objects, columns in order. Timestamps are written as the lab writes them
 * ({@code yyyy-MM-dd HH:mm:ss.SSS}, no zone); lists, structs and maps nest; numbers keep their
 * exact value (a HUGEINT or DECIMAL is not squeezed through a double).
 */
final class RowJson {
    static final DateTimeFormatter LAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final String[] names;

    RowJson(ResultSetMetaData meta) throws SQLException {
        names = new String[meta.getColumnCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = meta.getColumnLabel(i + 1);
        }
    }

    ObjectNode row(ResultSet result) throws SQLException {
        ObjectNode row = NODES.objectNode();
        for (int i = 0; i < names.length; i++) {
            row.set(names[i], value(result.getObject(i + 1)));
        }
        return row;
    }

    static JsonNode value(Object value) throws SQLException {
        return switch (value) {
            case null -> NODES.nullNode();
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer n -> NODES.numberNode(n);
            case Long n -> NODES.numberNode(n);
            case Short n -> NODES.numberNode(n);
            case Byte n -> NODES.numberNode(n);
            case BigInteger n -> NODES.numberNode(n);
            case BigDecimal n -> NODES.numberNode(n);
            case Double d -> finite(d) ? NODES.numberNode(d) : NODES.textNode(d.toString());
            case Float f -> finite(f) ? NODES.numberNode(f) : NODES.textNode(f.toString());
            case Timestamp t -> NODES.textNode(LAB_TIME.format(t.toLocalDateTime()));
            case LocalDateTime t -> NODES.textNode(LAB_TIME.format(t));
            case OffsetDateTime t -> NODES.textNode(t.toString());
            case java.sql.Date d -> NODES.textNode(d.toLocalDate().toString());
            case LocalDate d -> NODES.textNode(d.toString());
            case java.sql.Time t -> NODES.textNode(t.toLocalTime().toString());
            case LocalTime t -> NODES.textNode(t.toString());
            case byte[] bytes -> NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            case Array array -> list((Object[]) array.getArray());
            case Struct struct -> struct(struct);
            case Map<?, ?> map -> map(map);
            default -> NODES.textNode(value.toString());
        };
    }

    private static boolean finite(double d) {
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }

    private static ArrayNode list(Object[] items) throws SQLException {
        ArrayNode array = NODES.arrayNode(items.length);
        for (Object item : items) {
            array.add(value(item));
        }
        return array;
    }

    /** DuckDB's structs name their fields through getMap(); other drivers' only through metadata. */
    private static JsonNode struct(Struct struct) throws SQLException {
        if (struct instanceof org.duckdb.DuckDBStruct duck) {
            return map(duck.getMap());
        }
        return list(struct.getAttributes());
    }

    private static ObjectNode map(Map<?, ?> map) throws SQLException {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            object.set(String.valueOf(entry.getKey()), value(entry.getValue()));
        }
        return object;
    }
}
