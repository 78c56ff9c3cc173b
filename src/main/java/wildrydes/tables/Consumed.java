package wildrydes.tables;

import java.util.LinkedHashMap;
import java.util.Map;
import wildrydes.tables.item.Values;

/**
 * Capacity a call consumed, as DynamoDB counts it: a write is one unit per KB of the larger of
 * the old and new item, a read one unit per 4 KB (half for an eventually consistent read),
 * rounded up; a write also costs each index the item is or was in.
 */
public record Consumed(String table, double tableUnits, Map<String, Double> globalIndexes, Map<String, Double> localIndexes,
                       boolean write) {

    public double total() {
        double total = tableUnits;
        for (double d : globalIndexes.values()) {
            total += d;
        }
        for (double d : localIndexes.values()) {
            total += d;
        }
        return total;
    }

    static double writeUnits(Map<String, wildrydes.tables.item.AttributeValue> before, Map<String, wildrydes.tables.item.AttributeValue> after) {
        int size = Math.max(before == null ? 0 : Values.itemSize(before), after == null ? 0 : Values.itemSize(after));
        return Math.max(1, Math.ceil(size / 1024.0));
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    static Consumed read(String table, double units) {
        return new Consumed(table, units, Map.of(), Map.of(), false);
    }

    /** A write to the table and to every index the item is or was in. */
    static Consumed write(Table table, Map<String, wildrydes.tables.item.AttributeValue> before,
                          Map<String, wildrydes.tables.item.AttributeValue> after) {
        double units = writeUnits(before, after);
        Map<String, Double> global = new LinkedHashMap<>();
        Map<String, Double> local = new LinkedHashMap<>();
        for (IndexDefinition index : table.definition().indexes()) {
            boolean touched = (before != null && index.key().coveredBy(before)) || (after != null && index.key().coveredBy(after));
            if (touched) {
                (index.global() ? global : local).put(index.name(), units);
            }
        }
        return new Consumed(table.name(), units, global, local, true);
    }

    /** Two calls' consumption on the same table, added up. */
    Consumed plus(Consumed other) {
        Map<String, Double> global = new LinkedHashMap<>(globalIndexes);
        other.globalIndexes.forEach((k, v) -> global.merge(k, v, Double::sum));
        Map<String, Double> local = new LinkedHashMap<>(localIndexes);
        other.localIndexes.forEach((k, v) -> local.merge(k, v, Double::sum));
        return new Consumed(table, tableUnits + other.tableUnits, global, local, write);
    }
}
