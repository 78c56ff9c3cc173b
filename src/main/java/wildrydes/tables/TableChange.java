package wildrydes.tables;

import java.util.List;

/**
 * An UpdateTable request: any of billing mode, capacity, index changes, deletion protection
 * and table class (null for "no change").
 *
 * @param attributes AttributeDefinitions sent with the request (for new indexes)
 */
public record TableChange(String table, String billingMode, Throughput throughput, List<IndexChange> indexChanges,
                          List<TableDefinition.AttributeDefinition> attributes, Boolean deletionProtection, String tableClass) {

    /** One GlobalSecondaryIndexUpdates entry: Create (with the index), Update (capacity) or Delete. */
    public record IndexChange(String action, String indexName, IndexDefinition created, Throughput throughput) {
    }
}
