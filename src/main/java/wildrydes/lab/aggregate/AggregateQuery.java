package wildrydes.lab.aggregate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import wildrydes.lab.sql.SqlEngine;
import wildrydes.lab.sql.SqlException;

/**
 * The query an aggregation runs over each closed window, checked before anything is read: it
 * is one SELECT, it parses and binds over {@code readings} (column names, types), its result
 * columns have distinct names (they become a JSON object's fields) and one of them gives the
 * partition key ({@code Name}, or the column {@code -partition-key} names).
 *
 * @param text      the query, without a trailing semicolon
 * @param columns   its result columns, in order
 * @param keyColumn the result column whose value is the partition key
 * @param keyIndex  its position among the columns (from 0): a result row's fields come in column order
 */
record AggregateQuery(String text, List<SqlEngine.Column> columns, String keyColumn, int keyIndex) {

    /** Checks the query on {@code engine}; throws {@link SqlException} with a one-line message naming the problem. */
    static AggregateQuery prepare(SqlEngine engine, String query, String partitionKey) {
        String text = engine.singleQuery(query);
        List<SqlEngine.Column> columns = WindowTables.describe(engine, text);
        Set<String> names = new HashSet<>();
        for (SqlEngine.Column column : columns) {
            if (!names.add(column.name())) {
                throw new SqlException("the query returns two columns named " + column.name()
                        + ": give one another name with AS, as each becomes a field of a JSON object", null);
            }
        }
        String wanted = partitionKey == null ? AggregateSettings.KEY_COLUMN : partitionKey;
        int key = java.util.stream.IntStream.range(0, columns.size()).filter(i -> columns.get(i).name().equalsIgnoreCase(wanted))
                .findFirst().orElseThrow(() -> new SqlException("the query returns no column " + wanted + " for the partition key ("
                        + (partitionKey == null ? "select one, or name another column with -partition-key COLUMN"
                        : "pick one of its columns") + "); its columns: "
                        + columns.stream().map(SqlEngine.Column::name).collect(Collectors.joining(", ")), null));
        return new AggregateQuery(text, List.copyOf(columns), columns.get(key).name(), key);
    }
}
