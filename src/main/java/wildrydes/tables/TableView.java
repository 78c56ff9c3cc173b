package wildrydes.tables;

import java.util.Map;

/** A table as DescribeTable shows it: the definition and what storage knows (items, bytes, index entries). */
public record TableView(TableDefinition definition, long itemCount, long sizeBytes, Map<String, Long> indexItemCounts) {
}
