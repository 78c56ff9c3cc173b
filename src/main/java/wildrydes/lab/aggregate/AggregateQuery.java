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
 * @param keyColumn the result column (as the query names it) whose value is the partition key
 */
record AggregateQuery(String text, List<SqlEngine.Column> columns, String keyColumn) {

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
        String key = columns.stream().map(SqlEngine.Column::name).filter(name -> name.equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new SqlException("the query returns no column " + wanted + " for the partition key ("
                        + (partitionKey == null ? "select one, or name another column with -partition-key COLUMN"
                        : "pick one of its columns") + "); its columns: "
                        + columns.stream().map(SqlEngine.Column::name).collect(Collectors.joining(", ")), null));
        return new AggregateQuery(text, List.copyOf(columns), key);
    }
}
